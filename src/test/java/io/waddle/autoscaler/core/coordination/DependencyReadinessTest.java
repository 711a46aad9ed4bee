package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.*;
import static io.waddle.autoscaler.testing.Decisions.hold;
import static io.waddle.autoscaler.testing.Decisions.scale;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compute scale-up waits for headroom in its database and cache, which never shrink below what
 * compute uses.
 */
class DependencyReadinessTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void aComputeScaleUpWaitsForItsDatabaseThenItsCacheThenGoesOutLast() {
        List<Decision> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                        hold(ServiceKind.CACHE, "sessions", 4, START),
                        hold(ServiceKind.DATABASE, "chat-db", 120, START));

        List<Decision> out = commands(coordinator.coordinate(PlatformState.empty(), round, START));

        // database needs 1.2 x 10 x 18 = 216; cache 1.3 x 18 GiB / 4 GiB = 6 nodes
        assertThat(out)
                .extracting(e -> e.kind().wireName() + " " + e.from() + "->" + e.to())
                .containsExactly("database 120->216", "cache 4->6", "compute 12->18");
        assertThat(out.get(2).detail())
                .isEqualTo(
                        "load; waited for database chat-db 120->216; waited for cache sessions"
                                + " 4->6");
        assertThat(out.get(0).reason()).isEqualTo(Reason.DEPENDENCY_HEADROOM);
        assertThat(out.get(0).detail()).contains("headroom for compute chat-api 12->18");
        assertThat(out.get(0).policy().id()).isEqualTo("coordinator");
    }

    @Test
    void aDatabaseScaleDownThatAScaleUpNeedsUndoneStaysAtItsCapacity() {
        // compute 9 -> 10 needs 1.2 x 10 x 10 = 120 connections: exactly what the pool has. Its
        // own scale-down to 100 once became a "scale" from 120 to 120, refused by the decision's
        // own check: the exception escaped the coordinator.
        List<Decision> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 9, 10, START),
                        scale(ServiceKind.DATABASE, "chat-db", 120, 100, START),
                        hold(ServiceKind.CACHE, "sessions", 6, START));

        List<Decision> out = coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        assertThat(out)
                .filteredOn(Decision::issuesCommand)
                .extracting(e -> e.kind().wireName() + " " + e.from() + "->" + e.to())
                .containsExactly("compute 9->10");
        assertThat(out)
                .filteredOn(e -> e.kind() == ServiceKind.DATABASE)
                .singleElement()
                .satisfies(
                        db -> {
                            assertThat(db.reason()).isEqualTo(Reason.DEPENDENTS_NEED_CAPACITY);
                            assertThat(db.detail())
                                    .startsWith(
                                            "10 compute instances in eu-west need 120"
                                                    + " connections; wanted 100");
                        });
    }

    @Test
    void aComputeScaleUpWithEnoughHeadroomGoesOutAlone() {
        List<Decision> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 14, START),
                        hold(ServiceKind.DATABASE, "chat-db", 200, START),
                        hold(ServiceKind.CACHE, "sessions", 6, START));

        List<Decision> out = commands(coordinator.coordinate(PlatformState.empty(), round, START));

        assertThat(out).singleElement().extracting(Decision::kind).isEqualTo(ServiceKind.COMPUTE);
    }

    @Test
    void readinessOnlyLooksAtDependenciesInTheSameRegion() {
        List<Decision> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", "us-east", 12, 18, START),
                        hold(ServiceKind.DATABASE, "chat-db", "eu-west", 20, 20, START));

        assertThat(commands(coordinator.coordinate(PlatformState.empty(), round, START)))
                .extracting(Decision::serviceRegionKey)
                .containsExactly("chat-api/us-east");
    }

    @Test
    void aDependencyScaleUpReplacesItsOwnSmallerDecision() {
        List<Decision> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                        scale(ServiceKind.DATABASE, "chat-db", 120, 100, START));

        List<Decision> out = commands(coordinator.coordinate(PlatformState.empty(), round, START));

        assertThat(out).extracting(Decision::to).containsExactly(216, 18);
        assertThat(out.get(0).detail()).contains("its own decision wanted 100");
    }

    @Test
    void aScaleUpWaitsWhileItsDependencyIsLockedAndGoesOutOnceTheLockIsReleased() {
        Decision dbCommand = scale(ServiceKind.DATABASE, "chat-db", 100, 120, START);
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

        Decision waited =
                waiting.ordered().stream()
                        .filter(e -> e.kind() == ServiceKind.COMPUTE)
                        .findFirst()
                        .orElseThrow();
        assertThat(waited.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(waited.reason()).isEqualTo(Reason.WAITING_FOR_DEPENDENCY);
        assertThat(waited.detail())
                .contains("database chat-db has 120 connections, needs 216")
                .contains(dbCommand.commandId());
        assertThat(commands(after))
                .extracting(
                        e ->
                                e.kind().wireName()
                                        + " "
                                        + e.from()
                                        + "->"
                                        + e.to()
                                        + " "
                                        + e.reason())
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

        assertThat(locked.ordered().get(0).reason()).isEqualTo(Reason.LOCKED);
        assertThat(released.ordered()).noneMatch(Decision::issuesCommand);
    }

    @Test
    void aDatabaseNeverShrinksBelowWhatTheRegionsComputeUses() {
        List<Decision> round =
                List.of(
                        hold(ServiceKind.COMPUTE, "chat-api", 12, START),
                        scale(ServiceKind.DATABASE, "chat-db", 200, 100, START),
                        scale(ServiceKind.CACHE, "sessions", 6, 2, START));

        List<Decision> out = coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        // 12 workers x 10 = 120 connections; 12 GiB / 4 GiB = 3 nodes
        assertThat(out)
                .filteredOn(Decision::issuesCommand)
                .extracting(e -> e.kind().wireName() + " " + e.to() + " " + e.reason())
                .containsExactly(
                        "database 120 DEPENDENTS_NEED_CAPACITY",
                        "cache 3 DEPENDENTS_NEED_CAPACITY");
    }
}
