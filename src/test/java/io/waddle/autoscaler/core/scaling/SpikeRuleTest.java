package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.scaling.SpikeRule.Spike;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The emergency scale-up's size. */
class SpikeRuleTest {
    private static final Duration TWO_MINUTES = Duration.ofSeconds(120);

    private final SpikeRule rule = new SpikeRule(Defaults.spike());

    @Test
    void theEmergencyIsSizedForTheLoadWhenNewCapacityServes() {
        // 100 -> 200 req/s in 60 s: at that pace 400 req/s when the 2 minutes of provisioning
        // have passed, x2; CPU at 1.2 x target: ceil(10 x 1.2 x 2) = 24.
        SpikeRule.Emergency e = rule.size(new Spike(100, 200, 60), 10, 1.2, TWO_MINUTES, 100);

        assertThat(e.target()).isEqualTo(24);
        assertThat(e.wanted()).isEqualTo(24);
        assertThat(e.detail())
                .isEqualTo(
                        "request rate 100 -> 200 req/s in 60 s (+100 %); 400 req/s expected when"
                                + " new capacity serves in 120 s -> 24 instances");
    }

    @Test
    void theEmergencyHasItsOwnRateLimitAndProjectsNoFurtherThanItsExtrapolationLimit() {
        // CPU at 2.5 x target: ceil(10 x 2.5 x 2) = 50 wanted, but an emergency at most
        // quadruples.
        SpikeRule.Emergency limited = rule.size(new Spike(100, 200, 60), 10, 2.5, TWO_MINUTES, 100);
        // 100 -> 1000 in 15 s projects x8.2 over 2 minutes; projections stop at x4.
        SpikeRule.Emergency steep = rule.size(new Spike(100, 1000, 15), 10, 1.0, TWO_MINUTES, 100);

        assertThat(limited.wanted()).isEqualTo(50);
        assertThat(limited.target()).isEqualTo(40);
        assertThat(limited.detail()).endsWith("(emergency limit 4x)");
        assertThat(steep.wanted()).isEqualTo(40);
        assertThat(steep.detail()).contains("4000 req/s expected");
    }

    @Test
    void theEmergencyStaysWithinTheMaxAndIsNoneWhenTheCapacityHasHeadroom() {
        Spike fast = new Spike(100, 200, 60);
        Spike slow = new Spike(100, 150, 60);

        SpikeRule.Emergency capped = rule.size(fast, 10, 1.0, TWO_MINUTES, 15);
        assertThat(capped.target()).isEqualTo(15);
        assertThat(capped.detail()).endsWith("(max 15)");
        // CPU at half the target: room for the expected load, no emergency.
        SpikeRule.Emergency headroom = rule.size(slow, 10, 0.5, Duration.ZERO, 100);
        assertThat(headroom.wanted()).isEqualTo(5);
        assertThat(headroom.target()).isEqualTo(10);
        // Just over target with no provisioning delay: at least one more.
        assertThat(rule.size(slow, 10, 1.01, Duration.ZERO, 100).target()).isEqualTo(11);
    }

    @Test
    void impossibleSettingsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SpikeRule.Config(0, Duration.ofSeconds(60), 1, 4, 4, 1))
                .hasMessageContaining("spike rise must be > 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SpikeRule.Config(0.5, Duration.ZERO, 1, 4, 4, 1))
                .hasMessageContaining("spike span must be > 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SpikeRule.Config(0.5, Duration.ofSeconds(60), 1, 4, 1, 1))
                .hasMessageContaining("emergency factor > 1");
    }
}
