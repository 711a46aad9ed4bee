package io.waddle.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.scaling.LoadTrend.Point;
import io.waddle.autoscaler.scaling.SpikeRule.Spike;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeRuleTest {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");
    private static final Duration TWO_MINUTES = Duration.ofSeconds(120);

    private final SpikeRule rule = new SpikeRule(SpikeRule.Config.defaults());

    private static Point at(int second, double rate) {
        return new Point(START.plusSeconds(second), rate);
    }

    @Test
    void aRiseOfHalfWithinAMinuteIsASpikeFromTheLowestRateInTheSpan() {
        Spike s = rule.detect(List.of(at(0, 120), at(15, 100), at(30, 160))).orElseThrow();

        assertThat(s.base()).isEqualTo(100);
        assertThat(s.now()).isEqualTo(160);
        assertThat(s.seconds()).isEqualTo(15);
        assertThat(s.rise()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aSmallerRiseIsNoSpike() {
        assertThat(rule.detect(List.of(at(0, 100), at(15, 120), at(30, 140)))).isEmpty();
    }

    @Test
    void aRiseSpreadOverLongerThanTheSpanIsNoSpike() {
        // 100 -> 300 over 90 s; within the last 60 s it is only 250 -> 300.
        assertThat(rule.detect(List.of(at(0, 100), at(45, 250), at(90, 300)))).isEmpty();
    }

    @Test
    void aRiseFromAlmostNothingIsNoise() {
        assertThat(rule.detect(List.of(at(0, 0.2), at(15, 0.9)))).isEmpty();
        assertThat(rule.detect(List.of(at(0, 100)))).isEmpty();
    }

    @Test
    void theEmergencySizeProjectsTheGrowthOverTheProvisioningDelayWithinItsLimit() {
        // 100 -> 200 req/s in 60 s doubles every minute: x4 in the 2 minutes new capacity takes;
        // CPU at 1.2 x target: ceil(10 x 1.2 x 4) = 48, but an emergency at most quadruples.
        Spike s = rule.detect(List.of(at(0, 100), at(60, 200))).orElseThrow();

        SpikeRule.Emergency e = rule.size(s, 10, 1.2, TWO_MINUTES, 100);

        assertThat(e.wanted()).isEqualTo(48);
        assertThat(e.target()).isEqualTo(40);
        assertThat(e.detail())
                .contains("request rate 100 -> 200 req/s in 60 s (+100 %)")
                .contains("800 req/s expected")
                .contains("emergency limit 4x");
    }

    @Test
    void theEmergencyStaysWithinTheServicesMaxAndAddsAtLeastOneInstance() {
        Spike fast = rule.detect(List.of(at(0, 100), at(60, 200))).orElseThrow();
        Spike slow = rule.detect(List.of(at(0, 100), at(60, 150))).orElseThrow();

        assertThat(rule.size(fast, 10, 1.0, TWO_MINUTES, 25).target()).isEqualTo(25);
        // No provisioning delay: the projection adds nothing, the step still adds one.
        assertThat(rule.size(slow, 10, 0.5, Duration.ZERO, 100).target()).isEqualTo(11);
    }
}
