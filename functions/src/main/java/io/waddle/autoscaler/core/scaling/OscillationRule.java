package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ScalingAction;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The oscillation rule and the damping it triggers. Plain Java over a service's recent scaling
 * actions, as the scaler applies it to its own decisions; the Flink CEP patterns on the decisions
 * stream ({@code ScalingPatterns}) match the same sequences and raise the alert.
 *
 * <pre>
 * flip:        a scaling action in the other direction than the one before it
 * oscillating: more than maxChanges flips among the last `lastActions` actions (of the last
 *              `horizon`),
 *              or at least maxFlips flips among the actions of the last `flipWindow`
 * damping:     on a match the factor doubles (up to maxFactor); the service's scale-down
 *              stabilization and cooldown are multiplied by it (scale-ups are not slowed); once the
 *              service has not changed direction for `calmPeriod` it halves, and again after each
 *              further calm period, back to 1
 * </pre>
 */
public final class OscillationRule {
    private final Config config;

    public record Config(
            int lastActions,
            int maxChanges,
            int maxFlips,
            Duration flipWindow,
            double maxFactor,
            Duration calmPeriod,
            Duration horizon)
            implements Serializable {

        public Config {
            if (lastActions < 2 || maxChanges < 1 || maxFlips < 1) {
                throw new IllegalArgumentException(
                        "need at least 2 actions, 1 change and 1 flip to call oscillation");
            }
            if (flipWindow.isNegative()
                    || flipWindow.isZero()
                    || calmPeriod.isNegative()
                    || horizon.isNegative()
                    || horizon.isZero()) {
                throw new IllegalArgumentException("flip window must be > 0, calm period >= 0");
            }
            if (!(maxFactor >= 1)) {
                throw new IllegalArgumentException("damping factor must be >= 1: " + maxFactor);
            }
        }
    }

    /** One scaling action of the service: when, and which way. */
    public record Action(Instant at, boolean up) implements Serializable {}

    /**
     * What the rule remembers of a service.
     *
     * @param actions its latest scaling actions, oldest first, at most {@code lastActions}
     * @param factor the damping in force (1: none)
     * @param since when the factor last changed
     * @param lastFlip when the service last changed direction, or null
     * @param last its last scaling action, or null (kept when a match starts the count afresh)
     */
    public record State(
            List<Action> actions, double factor, Instant since, Instant lastFlip, Action last)
            implements Serializable {
        public State {
            actions = List.copyOf(actions);
        }

        public static State calm() {
            return new State(List.of(), 1.0, null, null, null);
        }
    }

    /**
     * The outcome of one look at the service.
     *
     * @param matched whether it oscillates now (a new match: raise a warning)
     * @param flips flips among the remembered actions
     */
    public record Result(State next, boolean matched, int flips, String detail) {}

    public OscillationRule(Config config) {
        this.config = config;
    }

    /**
     * Records {@code action} (null when the decision changed nothing) and decides the damping at
     * {@code now}.
     */
    public Result observe(State state, ScalingAction action, Instant now) {
        List<Action> actions = new ArrayList<>(state.actions());
        Instant lastFlip = state.lastFlip();
        Action last = state.last();
        if (action == ScalingAction.SCALE_UP || action == ScalingAction.SCALE_DOWN) {
            boolean up = action == ScalingAction.SCALE_UP;
            if (last != null && last.up() != up) {
                lastFlip = now;
            }
            last = new Action(now, up);
            actions.add(last);
        }
        while (actions.size() > config.lastActions()) {
            actions.remove(0);
        }
        // Actions older than the horizon are forgotten, as the CEP pattern's partial matches are.
        Instant horizon = now.minus(config.horizon());
        actions.removeIf(a -> !a.at().isAfter(horizon));
        int flips = 0;
        int recentFlips = 0;
        Instant windowStart = now.minus(config.flipWindow());
        for (int i = 1; i < actions.size(); i++) {
            if (actions.get(i).up() != actions.get(i - 1).up()) {
                flips++;
                // Both of the flip's actions inside the window, as the CEP pattern's `within`.
                if (actions.get(i - 1).at().isAfter(windowStart)) {
                    recentFlips++;
                }
            }
        }
        boolean oscillating = flips > config.maxChanges() || recentFlips >= config.maxFlips();
        double factor = state.factor();
        Instant since = state.since();
        boolean matched = false;
        String detail;
        if (oscillating
                && (since == null
                        || factor == 1.0
                        || !now.isBefore(since.plus(config.calmPeriod())))) {
            matched = true;
            factor = Math.min(config.maxFactor(), Math.max(2.0, factor * 2));
            since = now;
            int remembered = actions.size();
            // Start counting afresh: the damped behaviour is judged on its own actions.
            actions.clear();
            detail =
                    flips
                            + " direction changes in the last "
                            + remembered
                            + " actions, "
                            + recentFlips
                            + " within "
                            + config.flipWindow().toMinutes()
                            + " min: damping x"
                            + (int) factor;
        } else if (!oscillating
                && factor > 1.0
                && since != null
                && !now.isBefore(since.plus(config.calmPeriod()))
                && (lastFlip == null || !now.isBefore(lastFlip.plus(config.calmPeriod())))) {
            factor = Math.max(1.0, factor / 2);
            since = now;
            detail =
                    "calm for "
                            + config.calmPeriod().toMinutes()
                            + " min: damping x"
                            + (int) factor;
        } else {
            detail = factor > 1.0 ? "damping x" + (int) factor + " in force" : "calm";
        }
        if (matched) {
            lastFlip = now;
        }
        return new Result(
                new State(actions, factor, since, lastFlip, last), matched, flips, detail);
    }

    /**
     * {@code base} with the damping {@code factor} applied: the scale-down stabilization window and
     * the cooldown are multiplied by it. Scale-ups are not slowed: flapping costs money, too little
     * capacity costs users.
     */
    public static ComputeScalerConfig damp(ComputeScalerConfig base, double factor) {
        if (factor <= 1.0) {
            return base;
        }
        return new ComputeScalerConfig(
                base.targetCpuPercent(),
                base.targetMemoryPercent(),
                base.targetRequestsPerInstance(),
                base.tolerance(),
                base.minInstances(),
                base.maxInstances(),
                base.scaleUpStabilization(),
                stretch(base.scaleDownStabilization(), factor),
                stretch(base.cooldown(), factor),
                base.scaleUp(),
                base.scaleDown(),
                base.targetResponseTimeMs());
    }

    /**
     * {@code d} multiplied by a damping {@code factor}: what damping does to a scale-down delay.
     */
    public static Duration stretch(Duration d, double factor) {
        return Duration.ofMillis((long) (d.toMillis() * factor));
    }
}
