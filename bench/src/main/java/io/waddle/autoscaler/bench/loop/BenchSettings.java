package io.waddle.autoscaler.bench.loop;

import java.time.Duration;

/**
 * The simulated service every autoscaler is run against.
 *
 * @param step simulated clock step (15 s or finer)
 * @param peakInstances instances the trace's 99.9th-percentile load needs at 100 % utilization
 * @param provisioningDelay time before a new instance serves
 * @param drainTime time a removed instance keeps costing after it stops serving
 * @param minInstances, maxInstances bounds applied to every autoscaler alike
 * @param targetUtilization the utilization every target-based autoscaler is configured to hold
 * @param pricePerInstanceHour cost of one instance for one hour
 */
public record BenchSettings(
        Duration step,
        int peakInstances,
        Duration provisioningDelay,
        Duration drainTime,
        int minInstances,
        int maxInstances,
        double targetUtilization,
        double pricePerInstanceHour) {

    public static BenchSettings defaults() {
        return new BenchSettings(
                Duration.ofSeconds(15),
                100,
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                2,
                200,
                0.7,
                0.10);
    }

    public BenchSettings {
        if (step.isZero() || step.isNegative() || step.compareTo(Duration.ofSeconds(15)) > 0) {
            throw new IllegalArgumentException("--step must be > 0 and at most 15 s: " + step);
        }
        if (peakInstances <= 0 || minInstances < 1 || maxInstances < minInstances) {
            throw new IllegalArgumentException(
                    "need peak-instances > 0 and 1 <= min-instances <= max-instances");
        }
    }
}
