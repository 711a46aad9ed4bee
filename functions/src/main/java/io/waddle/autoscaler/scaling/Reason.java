package io.waddle.autoscaler.scaling;

/**
 * Why a decision came out as it did. Every decision carries exactly one; the detail text adds the
 * numbers. Codes are stable: they reach the events topic, logs and SQL tables.
 */
public enum Reason {
    CPU_ABOVE_TARGET("mean CPU utilization is above its target"),
    CPU_BELOW_TARGET("mean CPU utilization is below its target"),
    MEMORY_ABOVE_TARGET("mean memory utilization is above its target"),
    MEMORY_BELOW_TARGET("mean memory utilization is below its target"),
    REQUESTS_ABOVE_TARGET("request rate per instance is above its target"),
    REQUESTS_BELOW_TARGET("request rate per instance is below its target"),
    WITHIN_TOLERANCE("every metric is within the tolerance band of its target"),
    BELOW_MIN_INSTANCES("capacity is below the configured minimum"),
    ABOVE_MAX_INSTANCES("capacity is above the configured maximum"),
    AT_MIN_INSTANCES("metrics ask for less, but capacity is at the minimum"),
    AT_MAX_INSTANCES("metrics ask for more, but capacity is at the maximum"),
    STABILIZATION_WINDOW(
            "a higher recommendation inside the scale-down stabilization window holds capacity"),
    COOLDOWN("the last scaling action is more recent than the cooldown"),
    RATE_LIMITED("the rate-limit rules allow no change in the current period"),
    NO_METRICS("no instance reported a metric that has a target"),
    DUPLICATE_IN_FLIGHT("a command with the same target is still in flight"),
    DRY_RUN("the service's policy is in dry-run mode: decisions are logged, not executed"),
    FORECAST_ONLY(
            "the service's policy is in forecast-only mode: decisions are logged, not executed");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
