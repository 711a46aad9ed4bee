package io.waddle.autoscaler.core.model;

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
    RESPONSE_TIME_ABOVE_TARGET("mean response time is above its target"),
    WITHIN_TOLERANCE("every metric is within the tolerance band of its target"),
    CONNECTIONS_ABOVE_CAPACITY("WebRTC connections need more relays than serve them"),
    BANDWIDTH_ABOVE_CAPACITY("WebRTC bandwidth needs more relays than serve it"),
    RELAYS_ABOVE_NEED(
            "relays needed for connections and bandwidth fell below the scale-down margin"),
    WITHIN_SCALE_DOWN_MARGIN(
            "fewer relays would do, but not below the scale-down margin of current"),
    PACKET_LOSS_ABOVE_LIMIT("packet loss is above the policy limit"),
    LATENCY_ABOVE_LIMIT("latency is above the policy limit"),
    WORKERS_NEED_CONNECTIONS("the compute workers need more pool connections"),
    QUEUE_DEPTH_ABOVE_TARGET("the query queue has stayed above its target"),
    QUERY_TIME_ABOVE_TARGET("query time has stayed above its target"),
    POOL_ABOVE_NEED("the pool is larger than the workers need, past the idle timeout"),
    IDLE_TIMEOUT("the pool is larger than needed, but not yet for the idle timeout"),
    REPLICATION_LAG_GUARD(
            "replication lag is above the policy limit: no load is added to the replica set"),
    MEMORY_ABOVE_CAPACITY("cache memory use needs more nodes, with headroom"),
    MEMORY_BELOW_CAPACITY(
            "cache memory use needs well under its nodes and nothing is evicted: one step down"),
    EVICTIONS_RISING("evictions climb while the hit rate falls"),
    LOW_HIT_RATE_NO_EVICTIONS(
            "hit rate is low and nothing is evicted: the cache is larger than useful"),
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
    DEPENDENCY_HEADROOM("a dependent service is about to grow and needs this headroom first"),
    LOCKED("a command for this service is still in flight"),
    LOCK_RELEASED("a decision a lock held back goes out now that the lock is released"),
    WAITING_FOR_DEPENDENCY(
            "a scale-up waits: a service it depends on lacks headroom and cannot grow now"),
    DEPENDENTS_NEED_CAPACITY("a scale-down stops at what the services depending on this one need"),
    GLOBAL_LIMIT("the service's total across regions would exceed its global maximum"),
    REBALANCE("capacity moves between regions toward the demand, within the global maximum"),
    SPIKE_EMERGENCY(
            "the request rate spiked: an emergency scale-up past cooldown and stabilization"),
    METRICS_SILENT("the region's metrics stopped arriving: its last capacity is held"),
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
