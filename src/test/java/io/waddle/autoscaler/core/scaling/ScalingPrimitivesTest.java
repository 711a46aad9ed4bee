package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingPrimitivesTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    @Test
    void toleranceIncludesItsEdges() {
        Tolerance t = new Tolerance(0.1);

        assertThat(t.isWithin(1.1)).isTrue();
        assertThat(t.isWithin(0.9)).isTrue();
        assertThat(t.isWithin(1.1001)).isFalse();
        assertThat(t.isWithin(0.8999)).isFalse();
    }

    @Test
    void toleranceRejectsImpossibleFractions() {
        assertThatThrownBy(() -> new Tolerance(-0.1)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new Tolerance(Double.NaN)).hasMessageContaining("tolerance");
    }

    @Test
    void ratePolicyParsesInstancesAndPercent() {
        assertThat(RatePolicy.parse("4/15s"))
                .isEqualTo(RatePolicy.instances(4, Duration.ofSeconds(15)));
        assertThat(RatePolicy.parse(" 100%/1m "))
                .isEqualTo(RatePolicy.percent(100, Duration.ofMinutes(1)));
    }

    @Test
    void ratePolicyRejectsMalformedTextNamingIt() {
        assertThatThrownBy(() -> RatePolicy.parse("fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> RatePolicy.parse("4/15d"))
                .hasMessageContaining("unknown period unit");
        assertThatThrownBy(() -> RatePolicy.parse("0/15s")).hasMessageContaining("1 to 100000");
    }

    @Test
    void minSelectPolicyTakesTheSmallestAllowedStep() {
        ScalingRules rules =
                new ScalingRules(
                        List.of(RatePolicy.parse("100%/15s"), RatePolicy.parse("4/15s")),
                        ScalingRules.Select.MIN);

        assertThat(rules.scaleUpLimit(10, List.of(), START)).isEqualTo(14);
    }

    @Test
    void disabledDirectionAllowsNoChange() {
        ScalingRules rules = new ScalingRules(List.of(), ScalingRules.Select.DISABLED);

        assertThat(rules.scaleUpLimit(10, List.of(), START)).isEqualTo(10);
        assertThat(rules.scaleDownLimit(10, List.of(), START)).isEqualTo(10);
    }

    @Test
    void scaleEventsOutsideThePeriodNoLongerCount() {
        ScalingRules rules =
                new ScalingRules(List.of(RatePolicy.parse("4/15s")), ScalingRules.Select.MAX);
        List<ScaleEvent> history = List.of(new ScaleEvent(START, 4));

        assertThat(rules.scaleUpLimit(14, history, START.plusSeconds(10))).isEqualTo(14);
        assertThat(rules.scaleUpLimit(14, history, START.plusSeconds(15))).isEqualTo(18);
    }

    @Test
    void configRejectsMinAboveMax() {
        ComputeScalerConfig d = Defaults.compute();
        assertThatThrownBy(
                        () ->
                                new ComputeScalerConfig(
                                        70,
                                        80,
                                        0,
                                        d.tolerance(),
                                        10,
                                        5,
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        d.scaleUp(),
                                        d.scaleDown()))
                .hasMessageContaining("min instances 10 is above max instances 5");
    }

    @Test
    void loadTrendFitsTheSlopeOfALine() {
        LoadTrend trend = LoadTrend.empty();
        for (int i = 0; i < 10; i++) {
            trend = trend.add(START.plusSeconds(15L * i), 100 + 30 * i, 8);
        }

        assertThat(trend.points()).hasSize(8);
        assertThat(trend.slopePerSecond())
                .isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void loadTrendIgnoresAPointOlderThanItsNewest() {
        LoadTrend trend = LoadTrend.empty().add(START.plusSeconds(15), 10, 8);

        assertThat(trend.add(START, 99, 8)).isEqualTo(trend);
        assertThat(trend.slopePerSecond()).isZero();
    }
}
