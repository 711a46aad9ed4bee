package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheScalerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant FIFTEEN_SECONDS_LATER = START.plusSeconds(15);
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final double GIB = 1L << 30;

    private final CacheScaler scaler = new CacheScaler(Defaults.cache());

    private static CacheState nodes(int n) {
        return new CacheState(n, null, Double.NaN, Double.NaN);
    }

    private static WindowedMetrics window(
            Instant end, int nodes, double usedGib, double hitRate, double evictions) {
        return new WindowedMetrics(
                "sessions-cache",
                "eu-west",
                ServiceKind.CACHE,
                end.minusSeconds(60),
                end,
                nodes,
                Map.of(
                        Gauges.USED_MEMORY_BYTES,
                        new GaugeStats(nodes, usedGib * GIB, usedGib * GIB / nodes),
                        Gauges.HIT_RATE,
                        new GaugeStats(nodes, hitRate * nodes, hitRate),
                        Gauges.EVICTION_RATE,
                        new GaugeStats(nodes, evictions, evictions / nodes)));
    }

    @Test
    void nodesFollowMemoryUseWithHeadroom() {
        ScalingDecision d = scaler.decide(nodes(4), window(START, 4, 20, 0.9, 0), START).decision();

        assertThat(d.to()).isEqualTo(7); // ceil(20 GiB x 1.25 / 4 GiB)
        assertThat(d.reason()).isEqualTo(Reason.MEMORY_ABOVE_CAPACITY);
    }

    @Test
    void scalesUpWhenEvictionsClimbWhileTheHitRateFalls() {
        ScalerResult<CacheState> before =
                scaler.decide(nodes(5), window(START, 5, 10, 0.9, 10), START);
        ScalerResult<CacheState> after =
                scaler.decide(
                        before.next(),
                        window(FIFTEEN_SECONDS_LATER, 5, 10, 0.8, 40),
                        FIFTEEN_SECONDS_LATER);

        assertThat(before.decision().outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(after.decision().to()).isEqualTo(6);
        assertThat(after.decision().reason()).isEqualTo(Reason.EVICTIONS_RISING);
    }

    @Test
    void climbingEvictionsWithARisingHitRateAreNoReasonToScale() {
        ScalerResult<CacheState> before =
                scaler.decide(nodes(5), window(START, 5, 10, 0.7, 10), START);
        ScalerResult<CacheState> after =
                scaler.decide(
                        before.next(),
                        window(FIFTEEN_SECONDS_LATER, 5, 10, 0.8, 40),
                        FIFTEEN_SECONDS_LATER);

        assertThat(after.decision().outcome()).isEqualTo(Outcome.NO_CHANGE);
    }

    @Test
    void offersEightyPercentWhenTheHitRateIsLowAndNothingIsEvicted() {
        ScalingDecision d =
                scaler.decide(nodes(10), window(START, 10, 5, 0.3, 0.001), START).decision();

        assertThat(d.to()).isEqualTo(8);
        assertThat(d.reason()).isEqualTo(Reason.LOW_HIT_RATE_NO_EVICTIONS);
    }

    @Test
    void neverOffersLessThanMemoryNeedsNorLessThanOneNode() {
        assertThat(scaler.decide(nodes(10), window(START, 10, 30, 0.3, 0), START).decision().to())
                .isEqualTo(10);
        assertThat(scaler.decide(nodes(1), window(START, 1, 0.1, 0.1, 0), START).decision().to())
                .isEqualTo(1);
    }

    @Test
    void followsMemoryDownOneStepAtATimeWhenNothingIsEvicted() {
        // 10 nodes, 5 GiB used: memory needs ceil(5 x 1.25 / 4) = 2 nodes; hit rate is fine.
        ScalingDecision d =
                scaler.decide(nodes(10), window(START, 10, 5, 0.9, 0), START).decision();

        assertThat(d.to()).isEqualTo(8);
        assertThat(d.reason()).isEqualTo(Reason.MEMORY_BELOW_CAPACITY);
    }

    @Test
    void aShrinkMustLeaveTwiceTheHeadroomSoThatItDoesNotFlap() {
        // 10 nodes, 27 GiB used: 9 nodes hold it with 25 % headroom, but 11 are needed with 50 %.
        ScalingDecision keep =
                scaler.decide(nodes(10), window(START, 10, 27, 0.9, 0), START).decision();
        // 3 nodes, 5.4 GiB: 2 hold it with 25 % (6.75 GiB) but not with 50 % (8.1 GiB).
        ScalingDecision small =
                scaler.decide(nodes(3), window(START, 3, 5.4, 0.9, 0), START).decision();

        assertThat(keep.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(small.outcome()).isEqualTo(Outcome.NO_CHANGE);
    }

    @Test
    void evictionsStopAMemoryScaleDown() {
        ScalingDecision d =
                scaler.decide(nodes(10), window(START, 10, 5, 0.9, 0.5), START).decision();

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
    }

    @Test
    void aScaleDownWaitsForTheCooldown() {
        ScalerResult<CacheState> up = scaler.decide(nodes(4), window(START, 4, 20, 0.9, 0), START);
        ScalingDecision tooSoon =
                scaler.decide(up.next(), window(ONE_MINUTE_LATER, 7, 5, 0.3, 0), ONE_MINUTE_LATER)
                        .decision();

        assertThat(tooSoon.reason()).isEqualTo(Reason.COOLDOWN);
    }

    @Test
    void moreNodesReportingThanDecidedAreTheCachesSizeOutsideItsCooldown() {
        // Decided 4 long ago; the coordinator grew it to 6, which now report (18 GiB used: 6
        // nodes with headroom).
        ScalerResult<CacheState> r = scaler.decide(nodes(4), window(START, 6, 18, 0.9, 0), START);

        assertThat(r.decision().from()).isEqualTo(6);
        assertThat(r.next().nodes()).isEqualTo(6);
    }

    @Test
    void nodesStillReportingRightAfterAScaleDownAreNotTakenBack() {
        ScalerResult<CacheState> down =
                scaler.decide(nodes(10), window(START, 10, 5, 0.3, 0), START); // to 8
        ScalerResult<CacheState> next =
                scaler.decide(
                        down.next(),
                        window(FIFTEEN_SECONDS_LATER, 10, 5, 0.3, 0),
                        FIFTEEN_SECONDS_LATER);

        assertThat(down.decision().to()).isEqualTo(8);
        assertThat(next.decision().from()).isEqualTo(8);
    }
}
