package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Limit;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingAction;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComputeScalerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant FIFTEEN_SECONDS_LATER = START.plusSeconds(15);
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Instant FIVE_MINUTES_LATER = START.plusSeconds(300);
    private static final Instant JUST_OVER_FIVE_MINUTES_LATER = START.plusSeconds(301);

    private final ComputeScaler scaler = new ComputeScaler(Defaults.compute());

    /**
     * A scaler state that already decided on {@code instances}, long ago: its last recommendation
     * is a day old, outside every window. (A target with no recommendation at all is a capacity the
     * actuator reported, a first sight.)
     */
    private static ScalerState settledAt(int instances) {
        return new ScalerState(
                instances,
                null,
                List.of(new Recommendation(START.minus(Duration.ofDays(1)), instances)),
                List.of());
    }

    private ScalingDecision decide(ScalerState state, WindowedMetrics window) {
        return scaler.decide(state, window, window.windowEnd()).decision();
    }

    @Test
    void scalesUpImmediatelyWhenCpuIsAboveTarget() {
        ScalingDecision d = decide(settledAt(10), WindowBuilder.endingAt(START).cpu(91).build());

        assertThat(d.outcome()).isEqualTo(Outcome.SCALE);
        assertThat(d.action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(d.to()).isEqualTo(13); // ceil(10 * 91 / 70)
        assertThat(d.reason()).isEqualTo(Reason.CPU_ABOVE_TARGET);
        assertThat(d.detail()).contains("cpu 91.0% vs target 70.0%");
    }

    @Test
    void holdsWhileEveryMetricIsWithinTheToleranceBand() {
        // 76/70 = 1.086 and 85/80 = 1.0625: both within 10 %.
        ScalingDecision d =
                decide(settledAt(10), WindowBuilder.endingAt(START).cpu(76).memory(85).build());

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
        assertThat(d.to()).isEqualTo(10);
    }

    @Test
    void reactsJustOutsideTheToleranceBand() {
        // 77.5/70 = 1.107
        ScalingDecision d = decide(settledAt(10), WindowBuilder.endingAt(START).cpu(77.5).build());

        assertThat(d.to()).isEqualTo(12);
    }

    @Test
    void theMetricAskingForMostInstancesWins() {
        // cpu: ceil(10 * 84/70) = 12; memory: ceil(10 * 120/80) = 15
        ScalingDecision d =
                decide(settledAt(10), WindowBuilder.endingAt(START).cpu(84).memory(120).build());

        assertThat(d.to()).isEqualTo(15);
        assertThat(d.reason()).isEqualTo(Reason.MEMORY_ABOVE_TARGET);
    }

    @Test
    void scalesOnRequestsPerInstanceWhenThatTargetIsSet() {
        ComputeScaler withRps =
                new ComputeScaler(Defaults.compute().withTargetRequestsPerInstance(100));

        ScalingDecision d =
                withRps.decide(
                                settledAt(10),
                                WindowBuilder.endingAt(START).rpsPerInstance(150).build(),
                                START)
                        .decision();

        assertThat(d.to()).isEqualTo(15); // ceil(1500 / 100)
        assertThat(d.reason()).isEqualTo(Reason.REQUESTS_ABOVE_TARGET);
    }

    @Test
    void responseTimeAboveItsTargetPushesCapacityUp() {
        ComputeScaler withLatency =
                new ComputeScaler(Defaults.compute().withTargetResponseTimeMs(200));

        ScalingDecision d =
                withLatency
                        .decide(
                                settledAt(10),
                                WindowBuilder.endingAt(START)
                                        .cpu(70)
                                        .gauge("response_time_ms", 300)
                                        .build(),
                                START)
                        .decision();

        assertThat(d.to()).isEqualTo(15); // ceil(10 * 300 / 200); cpu alone would hold
        assertThat(d.reason()).isEqualTo(Reason.RESPONSE_TIME_ABOVE_TARGET);
        assertThat(d.detail()).contains("response_time_ms 300 ms vs target 200 ms");
    }

    @Test
    void responseTimeBelowItsTargetLeavesTheDecisionToTheOtherTargets() {
        ComputeScaler withLatency =
                new ComputeScaler(Defaults.compute().withTargetResponseTimeMs(200));
        WindowedMetrics quietButLowCpu =
                WindowBuilder.endingAt(START).cpu(35).gauge("response_time_ms", 20).build();

        ScalingDecision d = withLatency.decide(settledAt(10), quietButLowCpu, START).decision();

        assertThat(d.recommended()).isEqualTo(5); // cpu: ceil(10 * 35 / 70); latency abstains
        assertThat(d.reason()).isEqualTo(Reason.CPU_BELOW_TARGET);
    }

    @Test
    void neverScalesAboveMaxInstances() {
        ScalingDecision d =
                decide(settledAt(90), WindowBuilder.endingAt(START).instances(90).cpu(100).build());

        assertThat(d.to()).isEqualTo(100);
        assertThat(d.limits()).containsExactly(Limit.MAX_INSTANCES);
        assertThat(d.recommended()).isEqualTo(129);
    }

    @Test
    void suppressesAScaleUpAtMaxInstancesWithItsReason() {
        ScalingDecision d =
                decide(
                        settledAt(100),
                        WindowBuilder.endingAt(START).instances(100).cpu(100).build());

        assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(d.reason()).isEqualTo(Reason.AT_MAX_INSTANCES);
        assertThat(d.to()).isEqualTo(100);
    }

    @Test
    void raisesCapacityBelowMinInstancesToTheMinWhateverTheMetrics() {
        ScalingDecision d =
                decide(settledAt(1), WindowBuilder.endingAt(START).instances(1).cpu(5).build());

        assertThat(d.to()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo(Reason.BELOW_MIN_INSTANCES);
    }

    @Test
    void staysAtMinInstancesWhenMetricsAskForLess() {
        ScalingDecision d =
                decide(settledAt(2), WindowBuilder.endingAt(START).instances(2).cpu(5).build());

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.reason()).isEqualTo(Reason.AT_MIN_INSTANCES);
    }

    @Test
    void scalesDownOnlyAfterTheStabilizationWindow() {
        // START      load needs 10 (cpu 70 on 10)
        // +1 min     load needs 5  -> held: 10 was recommended within 300 s
        // +5 min+1s  still needs 5 -> the 10 has left the window: scale down
        ScalerResult<ScalerState> atStart =
                scaler.decide(settledAt(10), WindowBuilder.endingAt(START).cpu(70).build(), START);
        ScalerResult<ScalerState> oneMinute =
                scaler.decide(
                        atStart.next(),
                        WindowBuilder.endingAt(ONE_MINUTE_LATER).cpu(35).build(),
                        ONE_MINUTE_LATER);
        ScalerResult<ScalerState> later =
                scaler.decide(
                        oneMinute.next(),
                        WindowBuilder.endingAt(JUST_OVER_FIVE_MINUTES_LATER).cpu(35).build(),
                        JUST_OVER_FIVE_MINUTES_LATER);

        assertThat(oneMinute.decision().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(oneMinute.decision().reason()).isEqualTo(Reason.STABILIZATION_WINDOW);
        assertThat(later.decision().to()).isEqualTo(5);
        assertThat(later.decision().reason()).isEqualTo(Reason.CPU_BELOW_TARGET);
    }

    @Test
    void scaleDownGoesNoLowerThanTheHighestRecommendationInTheWindow() {
        // START needs 10, +1 min needs 8, +5 min needs 4: the 8 is still inside the window.
        ScalerResult<ScalerState> a =
                scaler.decide(settledAt(10), WindowBuilder.endingAt(START).cpu(70).build(), START);
        ScalerResult<ScalerState> b =
                scaler.decide(
                        a.next(),
                        WindowBuilder.endingAt(ONE_MINUTE_LATER).cpu(56).build(),
                        ONE_MINUTE_LATER);
        ScalerResult<ScalerState> c =
                scaler.decide(
                        b.next(),
                        WindowBuilder.endingAt(JUST_OVER_FIVE_MINUTES_LATER).cpu(28).build(),
                        JUST_OVER_FIVE_MINUTES_LATER);

        assertThat(c.decision().to()).isEqualTo(8);
        assertThat(c.decision().recommended()).isEqualTo(4);
    }

    @Test
    void aFreshStartDoesNotScaleDownInsideTheStabilizationWindow() {
        ScalingDecision d =
                scaler.decide(
                                ScalerState.initial(),
                                WindowBuilder.endingAt(START).cpu(10).build(),
                                START)
                        .decision();

        assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(d.reason()).isEqualTo(Reason.STABILIZATION_WINDOW);
        assertThat(d.from()).isEqualTo(10);
    }

    @Test
    void cooldownHoldsAScaleDownAfterARecentScaleUp() {
        ComputeScaler noStabilization = new ComputeScaler(withDownStabilization(Duration.ZERO));
        ScalerResult<ScalerState> up =
                noStabilization.decide(
                        settledAt(10), WindowBuilder.endingAt(START).cpu(91).build(), START);
        ScalerResult<ScalerState> down =
                noStabilization.decide(
                        up.next(),
                        WindowBuilder.endingAt(ONE_MINUTE_LATER).instances(13).cpu(20).build(),
                        ONE_MINUTE_LATER);

        assertThat(down.decision().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(down.decision().reason()).isEqualTo(Reason.COOLDOWN);
    }

    @Test
    void cooldownLetsAScaleDownThroughOnceItHasPassed() {
        ComputeScaler noStabilization = new ComputeScaler(withDownStabilization(Duration.ZERO));
        ScalerResult<ScalerState> up =
                noStabilization.decide(
                        settledAt(10), WindowBuilder.endingAt(START).cpu(91).build(), START);
        ScalerResult<ScalerState> down =
                noStabilization.decide(
                        up.next(),
                        WindowBuilder.endingAt(FIVE_MINUTES_LATER).instances(13).cpu(20).build(),
                        FIVE_MINUTES_LATER);

        assertThat(down.decision().action()).isEqualTo(ScalingAction.SCALE_DOWN);
    }

    @Test
    void cooldownNeverDelaysAScaleUp() {
        ScalerResult<ScalerState> up =
                scaler.decide(settledAt(10), WindowBuilder.endingAt(START).cpu(91).build(), START);
        ScalerResult<ScalerState> upAgain =
                scaler.decide(
                        up.next(),
                        WindowBuilder.endingAt(ONE_MINUTE_LATER).instances(13).cpu(120).build(),
                        ONE_MINUTE_LATER);

        assertThat(upAgain.decision().action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(upAgain.decision().to()).isEqualTo(23); // ceil(13 * 120 / 70)
    }

    @Test
    void scaleUpIsLimitedToDoublingPerFifteenSeconds() {
        // 10 instances at 280 % want 40; 100 %/15 s allows 20 (more than +4/15 s).
        ScalerResult<ScalerState> first =
                scaler.decide(settledAt(10), WindowBuilder.endingAt(START).cpu(280).build(), START);

        assertThat(first.decision().to()).isEqualTo(20);
        assertThat(first.decision().limits()).containsExactly(Limit.RATE_LIMIT);
    }

    @Test
    void rateLimitCountsWhatWasAddedEarlierInThePeriod() {
        ScalerResult<ScalerState> first =
                scaler.decide(settledAt(10), WindowBuilder.endingAt(START).cpu(280).build(), START);
        Instant fiveSecondsLater = START.plusSeconds(5);
        ScalerResult<ScalerState> second =
                scaler.decide(
                        first.next(),
                        WindowBuilder.endingAt(fiveSecondsLater).instances(20).cpu(280).build(),
                        fiveSecondsLater);
        ScalerResult<ScalerState> third =
                scaler.decide(
                        second.next(),
                        WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER.plusSeconds(1))
                                .instances(20)
                                .cpu(280)
                                .build(),
                        FIFTEEN_SECONDS_LATER.plusSeconds(1));

        assertThat(second.decision().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(second.decision().reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(third.decision().to()).isEqualTo(40);
    }

    @Test
    void smallServicesGrowByAtLeastFourInstancesPerPeriod() {
        // 2 instances want 20; 100 % allows 4, +4 allows 6: the larger wins.
        ScalingDecision d =
                decide(settledAt(2), WindowBuilder.endingAt(START).instances(2).cpu(700).build());

        assertThat(d.to()).isEqualTo(6);
    }

    @Test
    void scaleDownRateLimitCapsTheStep() {
        ComputeScalerConfig d = withDownStabilization(Duration.ZERO);
        ComputeScaler slowDown =
                new ComputeScaler(
                        new ComputeScalerConfig(
                                d.targetCpuPercent(),
                                d.targetMemoryPercent(),
                                0,
                                d.tolerance(),
                                d.minInstances(),
                                d.maxInstances(),
                                d.scaleUpStabilization(),
                                Duration.ZERO,
                                Duration.ZERO,
                                d.scaleUp(),
                                new ScalingRules(
                                        List.of(RatePolicy.parse("2/60s")),
                                        ScalingRules.Select.MAX)));

        ScalingDecision down =
                slowDown.decide(
                                settledAt(20),
                                WindowBuilder.endingAt(START).instances(20).cpu(7).build(),
                                START)
                        .decision();

        assertThat(down.to()).isEqualTo(18);
        assertThat(down.limits()).containsExactly(Limit.RATE_LIMIT);
    }

    @Test
    void instancesMissingAMetricCountAsAtTargetOnScaleDown() {
        // 6 of 10 report cpu 20 %; 4 report nothing for cpu. Counted at 70 %: mean 40 %.
        ComputeScaler noStabilization = new ComputeScaler(withDownStabilization(Duration.ZERO));
        WindowedMetrics w =
                WindowBuilder.endingAt(START).instances(10).gaugeFrom("cpu", 20, 6).build();

        ScalingDecision d = noStabilization.decide(settledAt(10), w, START).decision();

        assertThat(d.to()).isEqualTo(6); // ceil(10 * 40/70), not ceil(6 * 20/70) = 2
    }

    @Test
    void instancesMissingAMetricCountAsIdleOnScaleUp() {
        // 6 of 10 report cpu 80 % (ratio 1.14). Ignoring the 4 would give ceil(6 * 1.14) = 7, a
        // scale-DOWN. Counted idle, the mean is 48 %: the direction flips, so capacity is held.
        WindowedMetrics w =
                WindowBuilder.endingAt(START).instances(10).gaugeFrom("cpu", 80, 6).build();

        ScalingDecision d = decide(settledAt(10), w);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.to()).isEqualTo(10);
    }

    @Test
    void doesNotScaleUpAgainWhileNewInstancesAreStarting() {
        // 15 decided, 10 reporting at 110 %: naive ceil(10 * 110/70) = 16. The 5 starting
        // instances count as idle: 1100/15 = 73 %, within tolerance.
        WindowedMetrics w = WindowBuilder.endingAt(START).instances(10).cpu(110).build();

        ScalingDecision d = decide(settledAt(15), w);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.from()).isEqualTo(15);
    }

    @Test
    void holdsWithAReasonWhenNoMetricHasATarget() {
        WindowedMetrics w = WindowBuilder.endingAt(START).gauge("response_time_ms", 800).build();

        ScalingDecision d = decide(settledAt(10), w);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.reason()).isEqualTo(Reason.NO_METRICS);
    }

    private static ComputeScalerConfig withDownStabilization(Duration window) {
        ComputeScalerConfig d = Defaults.compute();
        return new ComputeScalerConfig(
                d.targetCpuPercent(),
                d.targetMemoryPercent(),
                d.targetRequestsPerInstance(),
                d.tolerance(),
                d.minInstances(),
                d.maxInstances(),
                d.scaleUpStabilization(),
                window,
                d.cooldown(),
                d.scaleUp(),
                d.scaleDown());
    }
}
