package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ScalingAction;
import io.waddle.autoscaler.core.scaling.OscillationRule.State;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OscillationRuleTest {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");

    private final OscillationRule rule = new OscillationRule(Defaults.oscillation());

    /** Alternating actions, up first, {@code minutesApart} apart; the result of each. */
    private List<OscillationRule.Result> alternate(State from, int n, int minutesApart, int at0) {
        List<OscillationRule.Result> out = new ArrayList<>();
        State s = from;
        for (int i = 0; i < n; i++) {
            OscillationRule.Result r =
                    rule.observe(
                            s,
                            i % 2 == 0 ? ScalingAction.SCALE_UP : ScalingAction.SCALE_DOWN,
                            START.plus(Duration.ofMinutes(at0 + (long) i * minutesApart)));
            out.add(r);
            s = r.next();
        }
        return out;
    }

    @Test
    void moreThanFiveDirectionChangesAmongTheLastActionsIsOscillation() {
        // 9 minutes apart: never 4 flips within 30 minutes; the 7th action makes the 6th flip,
        // all within the hour's horizon.
        List<OscillationRule.Result> r = alternate(State.calm(), 7, 9, 0);

        assertThat(r.subList(0, 6)).noneMatch(OscillationRule.Result::matched);
        assertThat(r.get(6).matched()).isTrue();
        assertThat(r.get(6).detail()).contains("6 direction changes in the last 7 actions");
        assertThat(r.get(6).next().factor()).isEqualTo(2.0);
    }

    @Test
    void fourFlipsWithinThirtyMinutesIsOscillation() {
        List<OscillationRule.Result> r = alternate(State.calm(), 5, 5, 0);

        assertThat(r.subList(0, 4)).noneMatch(OscillationRule.Result::matched);
        assertThat(r.get(4).matched()).isTrue();
    }

    @Test
    void scalingSteadilyOneWayIsNot() {
        State s = State.calm();
        for (int i = 0; i < 25; i++) {
            OscillationRule.Result r =
                    rule.observe(s, ScalingAction.SCALE_UP, START.plus(Duration.ofMinutes(i)));
            assertThat(r.matched()).isFalse();
            s = r.next();
        }
        assertThat(s.actions()).hasSize(20);
    }

    @Test
    void dampingWidensTheStabilizationAndCooldown() {
        ComputeScalerConfig damped = OscillationRule.damp(Defaults.compute(), 2.0);

        assertThat(damped.scaleDownStabilization()).isEqualTo(Duration.ofSeconds(600));
        assertThat(damped.cooldown()).isEqualTo(Duration.ofSeconds(600));
        assertThat(damped.scaleUpStabilization()).isEqualTo(Duration.ZERO);
        assertThat(OscillationRule.damp(Defaults.compute(), 1.0)).isEqualTo(Defaults.compute());
    }

    @Test
    void theDampingDecaysWhenTheServiceIsCalmAndDoublesIfItStillFlaps() {
        State damped = alternate(State.calm(), 5, 5, 0).get(4).next(); // x2 at minute 20
        // Still flapping within the calm period: no new match, no new alert.
        List<OscillationRule.Result> soon = alternate(damped, 5, 2, 22);
        // Flapping on after the calm period: x4.
        List<OscillationRule.Result> later = alternate(soon.get(4).next(), 5, 2, 51);
        // Then quiet: halves after each calm period.
        OscillationRule.Result quiet1 =
                rule.observe(later.get(4).next(), ScalingAction.NONE, START.plusSeconds(100 * 60));
        OscillationRule.Result quiet2 =
                rule.observe(quiet1.next(), ScalingAction.NONE, START.plusSeconds(130 * 60));
        OscillationRule.Result quiet3 =
                rule.observe(quiet2.next(), ScalingAction.NONE, START.plusSeconds(160 * 60));

        assertThat(soon).noneMatch(OscillationRule.Result::matched);
        assertThat(later.stream().filter(OscillationRule.Result::matched)).hasSize(1);
        assertThat(later.get(4).next().factor()).isEqualTo(4.0);
        assertThat(quiet1.next().factor()).isEqualTo(2.0);
        assertThat(quiet1.detail()).contains("calm for 30 min");
        assertThat(quiet2.next().factor()).isEqualTo(1.0);
        assertThat(quiet3.next().factor()).isEqualTo(1.0);
    }
}
