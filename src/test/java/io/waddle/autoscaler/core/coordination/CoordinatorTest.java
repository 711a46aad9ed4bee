package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.testing.Decisions.hold;
import static io.waddle.autoscaler.testing.Decisions.scale;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant SLIDE_LATER = START.plusSeconds(15);
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Instant TWO_MINUTES_LATER = START.plusSeconds(120);
    private static final Instant ELEVEN_MINUTES_LATER = START.plusSeconds(660);

    private final Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults());

    private static List<ScalingEvent> commands(Coordinator.RoundResult r) {
        return r.ordered().stream().filter(ScalingEvent::issuesCommand).toList();
    }

    @Test
    void aComputeScaleUpWaitsForItsDatabaseThenItsCacheThenGoesOutLast() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                        hold(ServiceKind.CACHE, "sessions", 4, START),
                        hold(ServiceKind.DATABASE, "chat-db", 120, START));

        List<ScalingEvent> out =
                commands(coordinator.coordinate(PlatformState.empty(), round, START));

        // database needs 1.2 x 10 x 18 = 216; cache 1.3 x 18 GiB / 4 GiB = 6 nodes
        assertThat(out)
                .extracting(e -> e.kind() + " " + e.from() + "->" + e.to())
                .containsExactly("database 120->216", "cache 4->6", "compute 12->18");
        assertThat(out.get(2).detail())
                .contains("waited for database chat-db 120->216")
                .contains("waited for cache sessions 4->6");
        assertThat(out.get(0).reason()).isEqualTo("DEPENDENCY_HEADROOM");
        assertThat(out.get(0).detail()).contains("headroom for compute chat-api 12->18");
        assertThat(out.get(0).policyId()).isEqualTo("coordinator");
    }

    @Test
    void aComputeScaleUpWithEnoughHeadroomGoesOutAlone() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 14, START),
                        hold(ServiceKind.DATABASE, "chat-db", 200, START),
                        hold(ServiceKind.CACHE, "sessions", 6, START));

        List<ScalingEvent> out =
                commands(coordinator.coordinate(PlatformState.empty(), round, START));

        assertThat(out).singleElement().extracting(ScalingEvent::kind).isEqualTo("compute");
    }

    @Test
    void readinessOnlyLooksAtDependenciesInTheSameRegion() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", "us-east", 12, 18, START),
                        hold(ServiceKind.DATABASE, "chat-db", "eu-west", 20, 20, START));

        assertThat(commands(coordinator.coordinate(PlatformState.empty(), round, START)))
                .extracting(ScalingEvent::serviceRegionKey)
                .containsExactly("chat-api/us-east");
    }

    @Test
    void aDependencyScaleUpReplacesItsOwnSmallerDecision() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                        scale(ServiceKind.DATABASE, "chat-db", 120, 100, START));

        List<ScalingEvent> out =
                commands(coordinator.coordinate(PlatformState.empty(), round, START));

        assertThat(out).extracting(ScalingEvent::to).containsExactly(216, 18);
        assertThat(out.get(0).detail()).contains("its own decision wanted 100");
    }

    @Test
    void aScaleUpWaitsWhileItsDependencyIsLockedAndGoesOutOnceTheLockIsReleased() {
        ScalingEvent dbCommand = scale(ServiceKind.DATABASE, "chat-db", 100, 120, START);
        PlatformState dbInFlight =
                coordinator.coordinate(PlatformState.empty(), List.of(dbCommand), START).next();

        Coordinator.RoundResult waiting =
                coordinator.coordinate(
                        dbInFlight,
                        List.of(
                                scale(ServiceKind.COMPUTE, "chat-api", 12, 18, SLIDE_LATER),
                                hold(ServiceKind.DATABASE, "chat-db", 100, SLIDE_LATER)),
                        SLIDE_LATER);
        PlatformState released =
                Coordinator.applied(
                        waiting.next(),
                        ActuationResult.applied(ScalingCommand.of(dbCommand), SLIDE_LATER));
        // The compute scaler believes it decided 18 already: it holds at 18.
        Coordinator.RoundResult after =
                coordinator.coordinate(
                        released,
                        List.of(
                                hold(ServiceKind.COMPUTE, "chat-api", 18, ONE_MINUTE_LATER),
                                hold(ServiceKind.DATABASE, "chat-db", 120, ONE_MINUTE_LATER)),
                        ONE_MINUTE_LATER);

        ScalingEvent waited =
                waiting.ordered().stream()
                        .filter(e -> e.kind().equals("compute"))
                        .findFirst()
                        .orElseThrow();
        assertThat(waited.outcome()).isEqualTo("SUPPRESSED");
        assertThat(waited.reason()).isEqualTo("WAITING_FOR_DEPENDENCY");
        assertThat(waited.detail())
                .contains("database chat-db has 120 connections, needs 216")
                .contains(dbCommand.commandId());
        assertThat(commands(after))
                .extracting(e -> e.kind() + " " + e.from() + "->" + e.to() + " " + e.reason())
                .containsExactly(
                        "database 120->216 DEPENDENCY_HEADROOM", "compute 12->18 LOCK_RELEASED");
    }

    @Test
    void aSmallerPoolDecidedWhileItsHeadroomGrowthIsInFlightIsNotHeldForLater() {
        PlatformState grown =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(
                                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                                        hold(ServiceKind.DATABASE, "chat-db", 120, START)),
                                START)
                        .next();
        // The pool's scaler, not yet aware of the 216, wants 180; then holds at 180.
        Coordinator.RoundResult locked =
                coordinator.coordinate(
                        grown,
                        List.of(scale(ServiceKind.DATABASE, "chat-db", 120, 180, SLIDE_LATER)),
                        SLIDE_LATER);
        Coordinator.RoundResult released =
                coordinator.coordinate(
                        Coordinator.applied(
                                locked.next(),
                                ActuationResult.applied(
                                        ScalingCommand.of(
                                                coordinator
                                                        .coordinate(
                                                                PlatformState.empty(),
                                                                List.of(
                                                                        scale(
                                                                                ServiceKind.COMPUTE,
                                                                                "chat-api",
                                                                                12,
                                                                                18,
                                                                                START),
                                                                        hold(
                                                                                ServiceKind
                                                                                        .DATABASE,
                                                                                "chat-db",
                                                                                120,
                                                                                START)),
                                                                START)
                                                        .ordered()
                                                        .get(0)),
                                        SLIDE_LATER)),
                        List.of(hold(ServiceKind.DATABASE, "chat-db", 180, ONE_MINUTE_LATER)),
                        ONE_MINUTE_LATER);

        assertThat(locked.ordered().get(0).reason()).isEqualTo("LOCKED");
        assertThat(released.ordered()).noneMatch(ScalingEvent::issuesCommand);
    }

    @Test
    void decisionsGoOutPhaseByPhaseDependenciesFirst() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.WEBRTC, "relay", 3, 5, START),
                        scale(ServiceKind.COMPUTE, "chat-api", 40, 38, START),
                        scale(ServiceKind.CACHE, "sessions", 6, 8, START));

        List<ScalingEvent> out =
                coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        assertThat(out)
                .extracting(ScalingEvent::kind)
                .containsExactly("cache", "compute", "webrtc");
    }

    @Test
    void aConfiguredGraphChangesTheOrder() {
        Coordinator computeFirst =
                new Coordinator(
                        new CoordinatorConfig(
                                DependencyGraph.parse("webrtc->compute,cache->compute"),
                                Readiness.defaults(),
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(1),
                                Map.of(),
                                0.2,
                                Duration.ofHours(1)));
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.CACHE, "sessions", 6, 8, START),
                        scale(ServiceKind.COMPUTE, "chat-api", 38, 40, START));

        assertThat(computeFirst.coordinate(PlatformState.empty(), round, START).ordered())
                .extracting(ScalingEvent::kind)
                .containsExactly("compute", "cache");
    }

    @Test
    void aDecisionForALockedServiceIsSuppressedUntilTheLockExpires() {
        Coordinator.RoundResult first =
                coordinator.coordinate(
                        PlatformState.empty(),
                        List.of(scale(ServiceKind.DATABASE, "chat-db", 60, 80, START)),
                        START);

        ScalingEvent whileLocked =
                coordinator
                        .coordinate(
                                first.next(),
                                List.of(
                                        scale(
                                                ServiceKind.DATABASE,
                                                "chat-db",
                                                80,
                                                100,
                                                ONE_MINUTE_LATER)),
                                ONE_MINUTE_LATER)
                        .ordered()
                        .get(0);
        ScalingEvent afterExpiry =
                coordinator
                        .coordinate(
                                first.next(),
                                List.of(
                                        scale(
                                                ServiceKind.DATABASE,
                                                "chat-db",
                                                80,
                                                100,
                                                ELEVEN_MINUTES_LATER)),
                                ELEVEN_MINUTES_LATER)
                        .ordered()
                        .get(0);

        assertThat(whileLocked.outcome()).isEqualTo("SUPPRESSED");
        assertThat(whileLocked.reason()).isEqualTo("LOCKED");
        assertThat(whileLocked.detail()).contains("wanted scale_up 80->100");
        assertThat(afterExpiry.issuesCommand()).isTrue();
    }

    @Test
    void theSameTargetWhileInFlightIsADuplicate() {
        PlatformState locked =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(scale(ServiceKind.DATABASE, "chat-db", 60, 80, START)),
                                START)
                        .next();

        ScalingEvent again =
                coordinator
                        .coordinate(
                                locked,
                                List.of(
                                        scale(
                                                ServiceKind.DATABASE,
                                                "chat-db",
                                                60,
                                                80,
                                                SLIDE_LATER)),
                                SLIDE_LATER)
                        .ordered()
                        .get(0);

        assertThat(again.reason()).isEqualTo("DUPLICATE_IN_FLIGHT");
        assertThat(again.issuesCommand()).isFalse();
    }

    @Test
    void reportingInstancesThatReachTheTargetReleaseTheLock() {
        PlatformState locked =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(scale(ServiceKind.COMPUTE, "chat-api", 10, 14, START)),
                                START)
                        .next();

        ScalingEvent next =
                coordinator
                        .coordinate(
                                locked,
                                List.of(
                                        scale(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                14,
                                                18,
                                                ONE_MINUTE_LATER)),
                                ONE_MINUTE_LATER)
                        .ordered()
                        .get(0);

        assertThat(next.issuesCommand()).isTrue();
    }

    @Test
    void theActuationResultReleasesTheLockAndSetsTheCapacity() {
        ScalingEvent issued = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();

        PlatformState released =
                Coordinator.applied(
                        locked, ActuationResult.applied(ScalingCommand.of(issued), SLIDE_LATER));
        ScalingEvent next =
                coordinator
                        .coordinate(
                                released,
                                List.of(
                                        scale(
                                                ServiceKind.DATABASE,
                                                "chat-db",
                                                80,
                                                100,
                                                ONE_MINUTE_LATER)),
                                ONE_MINUTE_LATER)
                        .ordered()
                        .get(0);

        assertThat(released.locks()).isEmpty();
        assertThat(released.capacities().get("chat-db/eu-west").capacity()).isEqualTo(80);
        assertThat(next.issuesCommand()).isTrue();
    }

    @Test
    void aResultForAnotherCommandLeavesTheLock() {
        ScalingEvent issued = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();
        ScalingEvent older = scale(ServiceKind.DATABASE, "chat-db", 40, 60, START.minusSeconds(60));

        assertThat(
                        Coordinator.applied(
                                        locked,
                                        ActuationResult.applied(
                                                ScalingCommand.of(older), SLIDE_LATER))
                                .locks())
                .hasSize(1);
    }

    @Test
    void aSilentRegionIsHeldAndReportedOnceAndSaysWhenItResumes() {
        PlatformState both =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                "eu-west",
                                                12,
                                                12,
                                                START),
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                "us-east",
                                                8,
                                                8,
                                                START)),
                                START)
                        .next();
        // us-east stops sending metrics; eu-west goes on.
        Coordinator.RoundResult stillWithin =
                coordinator.coordinate(
                        both,
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        SLIDE_LATER)),
                        SLIDE_LATER);
        Coordinator.RoundResult silent =
                coordinator.coordinate(
                        stillWithin.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        ONE_MINUTE_LATER)),
                        ONE_MINUTE_LATER);
        Coordinator.RoundResult stillSilent =
                coordinator.coordinate(
                        silent.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        TWO_MINUTES_LATER)),
                        TWO_MINUTES_LATER);
        Coordinator.RoundResult back =
                coordinator.coordinate(
                        stillSilent.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "us-east",
                                        8,
                                        3,
                                        TWO_MINUTES_LATER.plusSeconds(15))),
                        TWO_MINUTES_LATER.plusSeconds(15));

        assertThat(stillWithin.ordered())
                .extracting(ScalingEvent::reason)
                .doesNotContain("METRICS_SILENT");
        ScalingEvent held =
                silent.ordered().stream()
                        .filter(e -> e.reason().equals("METRICS_SILENT"))
                        .findFirst()
                        .orElseThrow();
        assertThat(held.serviceRegionKey()).isEqualTo("chat-api/us-east");
        assertThat(held.outcome()).isEqualTo("NO_CHANGE");
        assertThat(held.to()).isEqualTo(8);
        assertThat(held.detail()).contains("no metrics from us-east since " + START);
        assertThat(stillSilent.ordered())
                .extracting(ScalingEvent::reason)
                .doesNotContain("METRICS_SILENT");
        assertThat(back.ordered().get(0).detail())
                .contains("metrics resumed; silent since " + START);
        assertThat(back.next().silent()).isEmpty();
    }

    @Test
    void aServiceGoneForTheRetentionIsForgotten() {
        PlatformState seen =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(
                                        hold(ServiceKind.COMPUTE, "chat-api", 12, START),
                                        hold(ServiceKind.CACHE, "sessions", 4, START)),
                                START)
                        .next();

        PlatformState later =
                coordinator
                        .coordinate(
                                seen,
                                List.of(
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                12,
                                                START.plus(Duration.ofHours(1)))),
                                START.plus(Duration.ofHours(1)))
                        .next();

        assertThat(seen.capacities()).containsKey("sessions/eu-west");
        assertThat(later.capacities()).containsOnlyKeys("chat-api/eu-west");
        assertThat(later.silent()).isEmpty();
    }

    private Coordinator withGlobalMax(String service, int max) {
        return new Coordinator(
                new CoordinatorConfig(
                        DependencyGraph.parse(DependencyGraph.DEFAULT),
                        Readiness.defaults(),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(1),
                        Map.of(service, max),
                        0.2,
                        Duration.ofHours(1)));
    }

    @Test
    void aGlobalMaximumTrimsScaleUpsWhenThePlacementIsNearlyRight() {
        // max 16; eu-west holds 10 (needs 9), us-east wants 6 -> 8: off by 1 + 1 = 2 of 16.
        List<ScalingEvent> round =
                List.of(
                        hold(ServiceKind.WEBRTC, "media-relay", "eu-west", 10, 9, START),
                        scale(ServiceKind.WEBRTC, "media-relay", "us-east", 6, 8, START));

        List<ScalingEvent> out =
                withGlobalMax("media-relay", 16)
                        .coordinate(PlatformState.empty(), round, START)
                        .ordered();

        ScalingEvent us = out.stream().filter(e -> e.region().equals("us-east")).findFirst().get();
        assertThat(us.outcome()).isEqualTo("SUPPRESSED");
        assertThat(us.reason()).isEqualTo("GLOBAL_LIMIT");
        assertThat(us.detail()).contains("max 16");
    }

    @Test
    void capacityMovesTowardTheRegionsWithDemandWhenThePlacementIsOff() {
        // max 16; eu-west holds 12 but needs 4; us-east wants 4 -> 12.
        List<ScalingEvent> round =
                List.of(
                        hold(ServiceKind.WEBRTC, "media-relay", "eu-west", 12, 4, START),
                        scale(ServiceKind.WEBRTC, "media-relay", "us-east", 4, 12, START));

        List<ScalingEvent> out =
                commands(
                        withGlobalMax("media-relay", 16)
                                .coordinate(PlatformState.empty(), round, START));

        // optimal: us-east needs 12 -> 12, eu-west needs 4 -> 4.
        assertThat(out)
                .extracting(e -> e.region() + " " + e.from() + "->" + e.to() + " " + e.action())
                .containsExactlyInAnyOrder("eu-west 12->4 rebalance", "us-east 4->12 scale_up");
        ScalingEvent eu = out.stream().filter(e -> e.region().equals("eu-west")).findFirst().get();
        assertThat(eu.reason()).isEqualTo("REBALANCE");
        assertThat(eu.detail()).contains("target distribution eu-west=4, us-east=12");
    }

    @Test
    void largestDemandIsServedFirstWhenTheMaximumCannotCoverEveryRegion() {
        // max 10; needs: eu-west 8, us-east 6, ap-south 2: eu 8, us 2, ap 0.
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.WEBRTC, "media-relay", "eu-west", 4, 8, START),
                        scale(ServiceKind.WEBRTC, "media-relay", "us-east", 4, 6, START),
                        hold(ServiceKind.WEBRTC, "media-relay", "ap-south", 2, 2, START));

        Coordinator.RoundResult r =
                withGlobalMax("media-relay", 10).coordinate(PlatformState.empty(), round, START);

        int total =
                r.next().capacities().values().stream()
                        .mapToInt(PlatformState.Capacity::capacity)
                        .sum();
        assertThat(total).isLessThanOrEqualTo(10);
        // One relay for every region with demand, then the largest demand first.
        assertThat(r.next().capacities().get("media-relay/eu-west").capacity()).isEqualTo(8);
        assertThat(r.next().capacities().get("media-relay/us-east").capacity()).isEqualTo(1);
        assertThat(r.next().capacities().get("media-relay/ap-south").capacity()).isEqualTo(1);
    }

    @Test
    void aRegionMovedByARebalanceIsNotMovedAgainWhileItsScalerStillBelievesItsOwnTarget() {
        Coordinator limited = withGlobalMax("media-relay", 16);
        Coordinator.RoundResult moved =
                limited.coordinate(
                        PlatformState.empty(),
                        List.of(
                                hold(ServiceKind.WEBRTC, "media-relay", "eu-west", 12, 4, START),
                                scale(ServiceKind.WEBRTC, "media-relay", "us-east", 4, 12, START)),
                        START);
        PlatformState applied = moved.next();
        for (ScalingEvent e : commands(moved)) {
            applied =
                    Coordinator.applied(
                            applied, ActuationResult.applied(ScalingCommand.of(e), START));
        }
        // eu-west's relay scaler never heard of the move: it still says 12.
        Coordinator.RoundResult next =
                limited.coordinate(
                        applied,
                        List.of(
                                hold(
                                        ServiceKind.WEBRTC,
                                        "media-relay",
                                        "eu-west",
                                        12,
                                        4,
                                        SLIDE_LATER),
                                hold(
                                        ServiceKind.WEBRTC,
                                        "media-relay",
                                        "us-east",
                                        12,
                                        12,
                                        SLIDE_LATER)),
                        SLIDE_LATER);

        assertThat(commands(next)).isEmpty();
        assertThat(next.next().capacities().get("media-relay/eu-west").capacity()).isEqualTo(4);
    }

    @Test
    void underTheMaximumAgainAHeldBackRegionGoesBackTowardItsNeed() {
        Coordinator limited = withGlobalMax("media-relay", 16);
        PlatformState state =
                limited.coordinate(
                                PlatformState.empty(),
                                List.of(
                                        hold(
                                                ServiceKind.WEBRTC,
                                                "media-relay",
                                                "eu-west",
                                                12,
                                                4,
                                                START),
                                        scale(
                                                ServiceKind.WEBRTC,
                                                "media-relay",
                                                "us-east",
                                                4,
                                                12,
                                                START)),
                                START)
                        .next();
        state = new PlatformState(state.capacities(), Map.of(), Map.of(), Map.of(), state.pinned());
        // Now eu-west needs 6 again, us-east only 6: total 4 + 6 is under 16.
        Coordinator.RoundResult back =
                limited.coordinate(
                        state,
                        List.of(
                                hold(
                                        ServiceKind.WEBRTC,
                                        "media-relay",
                                        "eu-west",
                                        12,
                                        6,
                                        ONE_MINUTE_LATER),
                                scale(
                                        ServiceKind.WEBRTC,
                                        "media-relay",
                                        "us-east",
                                        12,
                                        6,
                                        ONE_MINUTE_LATER)),
                        ONE_MINUTE_LATER);

        assertThat(commands(back))
                .extracting(e -> e.region() + " " + e.from() + "->" + e.to() + " " + e.reason())
                .contains("eu-west 4->6 REBALANCE");
    }

    @Test
    void aDatabaseNeverShrinksBelowWhatTheRegionsComputeUses() {
        List<ScalingEvent> round =
                List.of(
                        hold(ServiceKind.COMPUTE, "chat-api", 12, START),
                        scale(ServiceKind.DATABASE, "chat-db", 200, 100, START),
                        scale(ServiceKind.CACHE, "sessions", 6, 2, START));

        List<ScalingEvent> out =
                coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        // 12 workers x 10 = 120 connections; 12 GiB / 4 GiB = 3 nodes
        assertThat(out)
                .filteredOn(ScalingEvent::issuesCommand)
                .extracting(e -> e.kind() + " " + e.to() + " " + e.reason())
                .containsExactly(
                        "database 120 DEPENDENTS_NEED_CAPACITY",
                        "cache 3 DEPENDENTS_NEED_CAPACITY");
    }

    @Test
    void aDryRunDecisionPassesThroughUntouched() {
        ScalingEvent dryRun =
                new PolicyRef("try-it", 1, "dry-run")
                        .withhold(scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START));

        List<ScalingEvent> out =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(dryRun, hold(ServiceKind.DATABASE, "chat-db", 10, START)),
                                START)
                        .ordered();

        assertThat(out).noneMatch(ScalingEvent::issuesCommand);
        assertThat(out.get(1).reason()).isEqualTo("DRY_RUN");
    }
}
