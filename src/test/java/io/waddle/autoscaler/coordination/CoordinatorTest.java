package io.waddle.autoscaler.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.scaling.Reason;
import io.waddle.autoscaler.scaling.ScalingDecision;
import io.waddle.autoscaler.scaling.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Instant ELEVEN_MINUTES_LATER = START.plusSeconds(660);

    private final Coordinator coordinator =
            new Coordinator(
                    DependencyGraph.parse(DependencyGraph.DEFAULT),
                    Readiness.defaults(),
                    Duration.ofMinutes(10));

    private static ScalingEvent scale(
            ServiceKind kind, String service, int from, int to, Instant at) {
        return ScalingEvent.of(
                ScalingDecision.scaleTo(
                        new Subject(service, "eu-west", kind),
                        at,
                        from,
                        to,
                        to,
                        Reason.CPU_ABOVE_TARGET,
                        "load",
                        List.of(),
                        from),
                null,
                PolicyRef.BUILTIN);
    }

    private static ScalingEvent hold(ServiceKind kind, String service, int at, Instant when) {
        return ScalingEvent.of(
                ScalingDecision.noChange(
                        new Subject(service, "eu-west", kind),
                        when,
                        at,
                        at,
                        Reason.WITHIN_TOLERANCE,
                        "ok",
                        at),
                null,
                PolicyRef.BUILTIN);
    }

    @Test
    void aComputeScaleUpWaitsForItsDatabaseAndCacheThenGoesOutLast() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START),
                        hold(ServiceKind.DATABASE, "chat-db", 120, START),
                        hold(ServiceKind.CACHE, "sessions", 4, START));

        List<ScalingEvent> out =
                coordinator.coordinate(PlatformState.empty(), round, START).ordered();
        List<ScalingEvent> commands = out.stream().filter(ScalingEvent::issuesCommand).toList();

        // database needs 1.2 x 10 x 18 = 216; cache 1.3 x 18 GiB / 4 GiB = 6 nodes
        assertThat(commands)
                .extracting(e -> e.kind() + " " + e.from() + "->" + e.to())
                .containsExactlyInAnyOrder("database 120->216", "cache 4->6", "compute 12->18");
        assertThat(commands.get(2).kind()).isEqualTo("compute");
        assertThat(commands.get(2).detail())
                .contains("waited for database chat-db 120->216")
                .contains("waited for cache sessions 4->6");
        assertThat(commands.get(0).reason()).isEqualTo("DEPENDENCY_HEADROOM");
    }

    @Test
    void aComputeScaleUpWithEnoughHeadroomGoesOutAlone() {
        List<ScalingEvent> round =
                List.of(
                        scale(ServiceKind.COMPUTE, "chat-api", 12, 14, START),
                        hold(ServiceKind.DATABASE, "chat-db", 200, START),
                        hold(ServiceKind.CACHE, "sessions", 6, START));

        List<ScalingEvent> out =
                coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        assertThat(out.stream().filter(ScalingEvent::issuesCommand))
                .singleElement()
                .extracting(ScalingEvent::kind)
                .isEqualTo("compute");
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
    void aDecisionForALockedServiceIsSuppressedUntilTheLockExpires() {
        Coordinator.RoundResult first =
                coordinator.coordinate(
                        PlatformState.empty(),
                        List.of(scale(ServiceKind.CACHE, "sessions", 6, 8, START)),
                        START);

        ScalingEvent whileLocked =
                coordinator
                        .coordinate(
                                first.next(),
                                List.of(
                                        scale(
                                                ServiceKind.CACHE,
                                                "sessions",
                                                8,
                                                10,
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
                                                ServiceKind.CACHE,
                                                "sessions",
                                                8,
                                                10,
                                                ELEVEN_MINUTES_LATER)),
                                ELEVEN_MINUTES_LATER)
                        .ordered()
                        .get(0);

        assertThat(whileLocked.outcome()).isEqualTo("SUPPRESSED");
        assertThat(whileLocked.reason()).isEqualTo("LOCKED");
        assertThat(afterExpiry.issuesCommand()).isTrue();
    }

    @Test
    void theActuationResultReleasesTheLock() {
        ScalingEvent issued = scale(ServiceKind.CACHE, "sessions", 6, 8, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();

        PlatformState released =
                Coordinator.release(locked, issued.serviceRegionKey(), issued.commandId());
        ScalingEvent next =
                coordinator
                        .coordinate(
                                released,
                                List.of(
                                        scale(
                                                ServiceKind.CACHE,
                                                "sessions",
                                                8,
                                                10,
                                                ONE_MINUTE_LATER)),
                                ONE_MINUTE_LATER)
                        .ordered()
                        .get(0);

        assertThat(released.locks()).isEmpty();
        assertThat(next.issuesCommand()).isTrue();
    }

    @Test
    void aReleaseForAnotherCommandLeavesTheLock() {
        ScalingEvent issued = scale(ServiceKind.CACHE, "sessions", 6, 8, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();

        assertThat(
                        Coordinator.release(locked, issued.serviceRegionKey(), "some-other-command")
                                .locks())
                .hasSize(1);
    }
}
