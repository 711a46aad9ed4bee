package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Decimals;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Reason;
import java.util.Optional;

/**
 * Turns one metric into a desired instance count, following the Kubernetes HPA's replica
 * calculator, including its conservative treatment of instances without metrics.
 */
final class ReplicaCalculator {
    private final Tolerance tolerance;

    ReplicaCalculator(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * A utilization metric (CPU, memory), averaged per instance.
     *
     * <pre>
     * ratio   = mean(observed) / target
     * desired = ceil(ratio * instances with the metric)          when ratio is outside tolerance
     * </pre>
     *
     * Instances that report but lack this metric ("missing") count as exactly at target when the
     * ratio says scale down, and as idle when it says scale up. Instances asked for but not yet
     * reporting ("pending") count as idle on a scale-up. If those assumptions flip the direction or
     * land within tolerance, capacity is held.
     *
     * @param reporting instances that reported anything in the window
     * @param pending instances decided but not yet reporting
     */
    Optional<MetricProposal> utilization(
            String metric,
            String unit,
            double target,
            GaugeStats stats,
            int current,
            int reporting,
            int pending,
            Reason up,
            Reason down) {
        if (target <= 0 || stats == null || stats.instances() == 0) {
            return Optional.empty();
        }
        int missing = Math.max(0, reporting - stats.instances());
        double ratio = stats.mean() / target;
        boolean scaleUpWithPending = pending > 0 && ratio > 1.0;
        String observed =
                metric
                        + " "
                        + Decimals.fixed(stats.mean(), 1)
                        + unit
                        + " vs target "
                        + Decimals.fixed(target, 1)
                        + unit;
        if (missing == 0 && !scaleUpWithPending) {
            if (tolerance.isWithin(ratio)) {
                return Optional.of(within(metric, current, observed));
            }
            int desired = ceil(ratio * stats.instances());
            return Optional.of(
                    proposal(
                            metric,
                            current,
                            desired,
                            up,
                            down,
                            observed + " on " + stats.instances() + " instances"));
        }
        double sum = stats.sum();
        int counted = stats.instances();
        if (missing > 0) {
            sum += ratio < 1.0 ? missing * target : 0.0;
            counted += missing;
        }
        if (scaleUpWithPending) {
            counted += pending;
        }
        double newRatio = sum / counted / target;
        String assumed =
                observed
                        + (missing > 0
                                ? "; "
                                        + missing
                                        + " without the metric counted "
                                        + (ratio < 1.0 ? "at target" : "idle")
                                : "")
                        + (scaleUpWithPending ? "; " + pending + " starting counted idle" : "")
                        + ": ratio "
                        + Decimals.fixed(newRatio, 2);
        boolean flipped = (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0);
        if (tolerance.isWithin(newRatio) || flipped) {
            return Optional.of(within(metric, current, assumed));
        }
        int desired = ceil(newRatio * counted);
        if ((newRatio < 1.0 && desired > current) || (newRatio > 1.0 && desired < current)) {
            return Optional.of(within(metric, current, assumed));
        }
        return Optional.of(proposal(metric, current, desired, up, down, assumed));
    }

    /**
     * A per-instance average of a total (requests per second per instance).
     *
     * <pre>
     * ratio   = total / (target * current)
     * desired = ceil(total / target)                  when ratio is outside tolerance
     * </pre>
     *
     * Instances that report but lack the metric add {@code target} each when scaling down, so a gap
     * in reporting never looks like less load.
     */
    Optional<MetricProposal> averageValue(
            String metric, double targetPerInstance, GaugeStats stats, int current, int reporting) {
        if (targetPerInstance <= 0 || stats == null || stats.instances() == 0 || current == 0) {
            return Optional.empty();
        }
        int missing = Math.max(0, reporting - stats.instances());
        double total = stats.sum();
        double ratio = total / (targetPerInstance * current);
        if (missing > 0 && ratio < 1.0) {
            total += missing * targetPerInstance;
            ratio = total / (targetPerInstance * current);
        }
        String observed =
                metric
                        + " "
                        + Decimals.fixed(total, 1)
                        + " total, "
                        + Decimals.fixed(total / current, 1)
                        + " per instance vs target "
                        + Decimals.fixed(targetPerInstance, 1);
        if (tolerance.isWithin(ratio)) {
            return Optional.of(within(metric, current, observed));
        }
        int desired = ceil(total / targetPerInstance);
        return Optional.of(
                proposal(
                        metric,
                        current,
                        desired,
                        Reason.REQUESTS_ABOVE_TARGET,
                        Reason.REQUESTS_BELOW_TARGET,
                        observed));
    }

    /**
     * Response time against a ceiling. Above it (beyond tolerance) it proposes {@code ceil(current
     * * observed / target)}, as if latency fell in proportion to capacity; below it, it abstains:
     * latency under target says nothing about how few instances would still do.
     */
    Optional<MetricProposal> responseTime(double targetMs, GaugeStats stats, int current) {
        if (targetMs <= 0 || stats == null || stats.instances() == 0 || current == 0) {
            return Optional.empty();
        }
        double ratio = stats.mean() / targetMs;
        if (ratio <= 1.0 || tolerance.isWithin(ratio)) {
            return Optional.empty();
        }
        int desired = ceil(ratio * current);
        return Optional.of(
                new MetricProposal(
                        Gauges.RESPONSE_TIME_MS,
                        desired,
                        Reason.RESPONSE_TIME_ABOVE_TARGET,
                        Gauges.RESPONSE_TIME_MS
                                + " "
                                + Decimals.fixed(stats.mean(), 0)
                                + " ms vs target "
                                + Decimals.fixed(targetMs, 0)
                                + " ms -> "
                                + desired));
    }

    private static MetricProposal within(String metric, int current, String observed) {
        return new MetricProposal(
                metric, current, Reason.WITHIN_TOLERANCE, observed + " (within tolerance)");
    }

    private static MetricProposal proposal(
            String metric, int current, int desired, Reason up, Reason down, String observed) {
        Reason reason = desired > current ? up : desired < current ? down : Reason.WITHIN_TOLERANCE;
        return new MetricProposal(metric, desired, reason, observed + " -> " + desired);
    }

    /** Ceil that ignores floating-point noise such as 10.000000000000002. */
    private static int ceil(double x) {
        return (int) Math.ceil(x - 1e-9);
    }
}
