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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service with a global maximum never exceeds it across regions. */
class GlobalLimitsTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void aGlobalMaximumTrimsScaleUpsWhenThePlacementIsNearlyRight() {
        // max 16; eu-west holds 10 (needs 9), us-east wants 6 -> 8: off by 1 + 1 = 2 of 16.
        List<Decision> round =
                List.of(
                        hold(ServiceKind.WEBRTC, "media-relay", "eu-west", 10, 9, START),
                        scale(ServiceKind.WEBRTC, "media-relay", "us-east", 6, 8, START));

        List<Decision> out =
                withGlobalMax("media-relay", 16)
                        .coordinate(PlatformState.empty(), round, START)
                        .ordered();

        Decision us = out.stream().filter(e -> e.region().equals("us-east")).findFirst().get();
        assertThat(us.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(us.reason()).isEqualTo(Reason.GLOBAL_LIMIT);
        assertThat(us.detail()).contains("max 16");
    }

    @Test
    void capacityMovesTowardTheRegionsWithDemandWhenThePlacementIsOff() {
        // max 16; eu-west holds 12 but needs 4; us-east wants 4 -> 12.
        List<Decision> round =
                List.of(
                        hold(ServiceKind.WEBRTC, "media-relay", "eu-west", 12, 4, START),
                        scale(ServiceKind.WEBRTC, "media-relay", "us-east", 4, 12, START));

        List<Decision> out =
                commands(
                        withGlobalMax("media-relay", 16)
                                .coordinate(PlatformState.empty(), round, START));

        // optimal: us-east needs 12 -> 12, eu-west needs 4 -> 4.
        assertThat(out)
                .extracting(
                        e ->
                                e.region()
                                        + " "
                                        + e.from()
                                        + "->"
                                        + e.to()
                                        + " "
                                        + e.action().wireName())
                .containsExactlyInAnyOrder("eu-west 12->4 rebalance", "us-east 4->12 scale_up");
        Decision eu = out.stream().filter(e -> e.region().equals("eu-west")).findFirst().get();
        assertThat(eu.reason()).isEqualTo(Reason.REBALANCE);
        assertThat(eu.detail()).contains("target distribution eu-west=4, us-east=12");
    }

    @Test
    void largestDemandIsServedFirstWhenTheMaximumCannotCoverEveryRegion() {
        // max 10; needs: eu-west 8, us-east 6, ap-south 2: eu 8, us 2, ap 0.
        List<Decision> round =
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
        for (Decision e : commands(moved)) {
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
}
