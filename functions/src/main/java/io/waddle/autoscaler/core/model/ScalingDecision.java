package io.waddle.autoscaler.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One evaluation of one service, with its reason. Built only through the factories, which check
 * that outcome, action and instance counts agree.
 *
 * @param from the capacity the decision started from
 * @param to the capacity it asks for; equal to {@code from} unless the outcome is SCALE
 * @param recommended what the metrics alone asked for, before stabilization, limits and bounds
 * @param limits rules that made a SCALE step smaller than recommended
 * @param observedInstances distinct instances that reported in the window decided on
 */
public record ScalingDecision(
        Subject subject,
        Outcome outcome,
        ScalingAction action,
        int from,
        int to,
        int recommended,
        Reason reason,
        String detail,
        List<Limit> limits,
        Instant decidedAt,
        int observedInstances) {

    public ScalingDecision {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedAt, "decidedAt");
        limits = List.copyOf(limits);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("instance counts must be >= 0: " + from + "->" + to);
        }
        if ((outcome == Outcome.SCALE) != (from != to)) {
            throw new IllegalArgumentException(outcome + " with " + from + "->" + to);
        }
        boolean rebalance = action == ScalingAction.REBALANCE && outcome == Outcome.SCALE;
        if (action != ScalingAction.between(from, to) && !rebalance) {
            throw new IllegalArgumentException(action + " does not match " + from + "->" + to);
        }
    }

    public static ScalingDecision scaleTo(
            Subject subject,
            Instant now,
            int from,
            int to,
            int recommended,
            Reason reason,
            String detail,
            List<Limit> limits,
            int observedInstances) {
        return new ScalingDecision(
                subject,
                Outcome.SCALE,
                ScalingAction.between(from, to),
                from,
                to,
                recommended,
                reason,
                detail,
                limits,
                now,
                observedInstances);
    }

    public static ScalingDecision noChange(
            Subject subject,
            Instant now,
            int current,
            int recommended,
            Reason reason,
            String detail,
            int observedInstances) {
        return hold(
                Outcome.NO_CHANGE,
                subject,
                now,
                current,
                recommended,
                reason,
                detail,
                observedInstances);
    }

    public static ScalingDecision suppressed(
            Subject subject,
            Instant now,
            int current,
            int recommended,
            Reason reason,
            String detail,
            int observedInstances) {
        return hold(
                Outcome.SUPPRESSED,
                subject,
                now,
                current,
                recommended,
                reason,
                detail,
                observedInstances);
    }

    private static ScalingDecision hold(
            Outcome outcome,
            Subject subject,
            Instant now,
            int current,
            int recommended,
            Reason reason,
            String detail,
            int observedInstances) {
        return new ScalingDecision(
                subject,
                outcome,
                ScalingAction.NONE,
                current,
                current,
                recommended,
                reason,
                detail,
                List.of(),
                now,
                observedInstances);
    }

    /** The same decision with {@code more} appended to its detail. */
    public ScalingDecision withDetail(String more) {
        return new ScalingDecision(
                subject,
                outcome,
                action,
                from,
                to,
                recommended,
                reason,
                detail + "; " + more,
                limits,
                decidedAt,
                observedInstances);
    }

    /** The same SCALE decision as a move of capacity between regions (action rebalance). */
    public ScalingDecision asRebalance() {
        if (!isScale()) {
            throw new IllegalArgumentException("only SCALE decisions rebalance: " + describe());
        }
        return new ScalingDecision(
                subject,
                outcome,
                ScalingAction.REBALANCE,
                from,
                to,
                recommended,
                reason,
                detail,
                limits,
                decidedAt,
                observedInstances);
    }

    public boolean isScale() {
        return outcome == Outcome.SCALE;
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(subject.service(), subject.region());
    }

    /**
     * A one-line account, e.g. {@code scale_up 10->13 CPU_ABOVE_TARGET (cpu 91.0% vs target
     * 70.0%)}.
     */
    public String describe() {
        return action.wireName() + " " + from + "->" + to + " " + reason + " (" + detail + ")";
    }
}
