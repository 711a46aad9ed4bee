package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ScalingDecision;

/**
 * The oscillation rule applied to a decision just made: the service's damping after it, and the
 * decision with what the damping did written in its detail. Every kind's evaluation calls it.
 */
public final class Damping {
    private Damping() {}

    /** The decision as it goes out, and the rule's state to keep. */
    public record Observed(ScalingDecision decision, OscillationRule.State next) {}

    /**
     * @param before the rule's state before this decision (the damping it was made under)
     */
    public static Observed observe(
            OscillationRule rule, OscillationRule.State before, ScalingDecision d) {
        OscillationRule.Result osc =
                rule.observe(before, d.isScale() ? d.action() : null, d.decidedAt());
        ScalingDecision out = d;
        if (osc.matched() || osc.next().factor() != before.factor()) {
            out = d.withDetail("oscillation: " + osc.detail());
        } else if (before.factor() > 1.0) {
            out = d.withDetail("damped x" + (int) before.factor());
        }
        return new Observed(out, osc.next());
    }

    /** The state before a decision: calm at first sight. */
    public static OscillationRule.State orCalm(OscillationRule.State s) {
        return s != null ? s : OscillationRule.State.calm();
    }
}
