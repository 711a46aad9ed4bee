package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The compute scaler's tunables, already parsed and checked. Built from {@code AutoscalerOptions};
 * The defaults are the options' ({@code AutoscalerOptions}), from the platform design.
 *
 * @param targetCpuPercent mean CPU utilization to hold, percent of the request; 0 disables the
 *     metric
 * @param targetMemoryPercent mean memory utilization to hold; 0 disables the metric
 * @param targetRequestsPerInstance requests per second one instance should serve; 0 disables it
 * @param scaleUpStabilization how far back scale-ups look for a lower recommendation (0: immediate)
 * @param scaleDownStabilization how far back scale-downs look for a higher recommendation
 * @param cooldown minimum time after any scaling action before a scale-down (0: none)
 * @param targetResponseTimeMs mean response time to stay under; it only pushes capacity up (latency
 *     below target says nothing about how few instances would do); 0 disables it
 */
public record ComputeScalerConfig(
        double targetCpuPercent,
        double targetMemoryPercent,
        double targetRequestsPerInstance,
        Tolerance tolerance,
        int minInstances,
        int maxInstances,
        Duration scaleUpStabilization,
        Duration scaleDownStabilization,
        Duration cooldown,
        ScalingRules scaleUp,
        ScalingRules scaleDown,
        double targetResponseTimeMs)
        implements Serializable {

    /** Without a response-time target. */
    public ComputeScalerConfig(
            double targetCpuPercent,
            double targetMemoryPercent,
            double targetRequestsPerInstance,
            Tolerance tolerance,
            int minInstances,
            int maxInstances,
            Duration scaleUpStabilization,
            Duration scaleDownStabilization,
            Duration cooldown,
            ScalingRules scaleUp,
            ScalingRules scaleDown) {
        this(
                targetCpuPercent,
                targetMemoryPercent,
                targetRequestsPerInstance,
                tolerance,
                minInstances,
                maxInstances,
                scaleUpStabilization,
                scaleDownStabilization,
                cooldown,
                scaleUp,
                scaleDown,
                0.0);
    }

    public ComputeScalerConfig {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
        requireTarget("target CPU", targetCpuPercent);
        requireTarget("target memory", targetMemoryPercent);
        requireTarget("target requests per instance", targetRequestsPerInstance);
        requireTarget("target response time", targetResponseTimeMs);
        if (targetCpuPercent == 0 && targetMemoryPercent == 0 && targetRequestsPerInstance == 0) {
            throw new IllegalArgumentException("at least one compute target must be > 0");
        }
        if (minInstances < 1) {
            throw new IllegalArgumentException("min instances must be >= 1: " + minInstances);
        }
        if (maxInstances < minInstances) {
            throw new IllegalArgumentException(
                    "min instances " + minInstances + " is above max instances " + maxInstances);
        }
        requireNonNegative("scale-up stabilization", scaleUpStabilization);
        requireNonNegative("scale-down stabilization", scaleDownStabilization);
        requireNonNegative("cooldown", cooldown);
    }

    /** How much history the scaler must keep: the longest window or period any rule looks back. */
    public Duration historyRetention() {
        Duration longest = scaleUpStabilization;
        for (Duration d :
                List.of(
                        scaleDownStabilization,
                        cooldown,
                        scaleUp.longestPeriod(),
                        scaleDown.longestPeriod())) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    public ComputeScalerConfig withTargetRequestsPerInstance(double target) {
        return new ComputeScalerConfig(
                targetCpuPercent,
                targetMemoryPercent,
                target,
                tolerance,
                minInstances,
                maxInstances,
                scaleUpStabilization,
                scaleDownStabilization,
                cooldown,
                scaleUp,
                scaleDown,
                targetResponseTimeMs);
    }

    public ComputeScalerConfig withTargetResponseTimeMs(double target) {
        return new ComputeScalerConfig(
                targetCpuPercent,
                targetMemoryPercent,
                targetRequestsPerInstance,
                tolerance,
                minInstances,
                maxInstances,
                scaleUpStabilization,
                scaleDownStabilization,
                cooldown,
                scaleUp,
                scaleDown,
                target);
    }

    private static void requireTarget(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0: " + value);
        }
    }

    private static void requireNonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0: " + d);
        }
    }
}
