package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.*;
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

/** One command in flight per service; what a lock holds back goes out once it is released. */
class LocksTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void aDecisionForALockedServiceIsSuppressedUntilTheLockExpires() {
        Coordinator.RoundResult first =
                coordinator.coordinate(
                        PlatformState.empty(),
                        List.of(scale(ServiceKind.DATABASE, "chat-db", 60, 80, START)),
                        START);

        Decision whileLocked =
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
        Decision afterExpiry =
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

        assertThat(whileLocked.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(whileLocked.reason()).isEqualTo(Reason.LOCKED);
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

        Decision again =
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

        assertThat(again.reason()).isEqualTo(Reason.DUPLICATE_IN_FLIGHT);
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

        Decision next =
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
        Decision issued = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();

        PlatformState released =
                Coordinator.applied(
                        locked, ActuationResult.applied(ScalingCommand.of(issued), SLIDE_LATER));
        Decision next =
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
        Decision issued = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        PlatformState locked =
                coordinator.coordinate(PlatformState.empty(), List.of(issued), START).next();
        Decision older = scale(ServiceKind.DATABASE, "chat-db", 40, 60, START.minusSeconds(60));

        assertThat(
                        Coordinator.applied(
                                        locked,
                                        ActuationResult.applied(
                                                ScalingCommand.of(older), SLIDE_LATER))
                                .locks())
                .hasSize(1);
    }
}
