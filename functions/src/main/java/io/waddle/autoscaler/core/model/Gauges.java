package io.waddle.autoscaler.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * The named gauges each service kind reports, with the range a real measurement can take. A value
 * outside its range is not a measurement but a bug upstream, so the parser rejects it.
 */
public final class Gauges {
    // compute
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String REQUESTS_PER_SECOND = "requests_per_second";
    public static final String RESPONSE_TIME_MS = "response_time_ms";
    // webrtc
    public static final String CONNECTIONS = "connections";
    public static final String BANDWIDTH_BPS = "bandwidth_bps";
    public static final String PACKET_LOSS = "packet_loss";
    public static final String LATENCY_MS = "latency_ms";
    // database
    public static final String ACTIVE_CONNECTIONS = "active_connections";
    public static final String QUERY_TIME_MS = "query_time_ms";
    public static final String QUEUE_DEPTH = "queue_depth";
    public static final String REPLICATION_LAG_S = "replication_lag_s";

    /** Optional: the pool's configured size, so that the pool scaler starts from it. */
    public static final String POOL_SIZE = "pool_size";

    /** Compute instances connected through a pool proxy: the workers the pool is sized for. */
    public static final String CLIENT_INSTANCES = "client_instances";

    // cache
    public static final String HIT_RATE = "hit_rate";
    public static final String EVICTION_RATE = "eviction_rate";
    public static final String USED_MEMORY_BYTES = "used_memory_bytes";

    /**
     * Largest magnitude accepted for a gauge this table does not know. Unknown gauges are kept for
     * policies to target, but a value beyond 10^15 is no measurement of anything a chat platform
     * has.
     */
    public static final double UNKNOWN_GAUGE_LIMIT = 1e15;

    private static final double HOUR_MS = 3_600_000.0;

    /** Inclusive range of a known gauge, with its unit for error messages. */
    public record Range(double min, double max, String unit) {
        public boolean contains(double value) {
            return value >= min && value <= max;
        }
    }

    private static final Map<String, Range> RANGES =
            Map.ofEntries(
                    // Percent of the instance's CPU/memory request; above 100 while bursting to its
                    // limit, as Kubernetes reports it. 1000 % would be a 10x burst: impossible.
                    Map.entry(CPU, new Range(0, 1000, "%")),
                    Map.entry(MEMORY, new Range(0, 1000, "%")),
                    Map.entry(REQUESTS_PER_SECOND, new Range(0, 1e9, "requests/s")),
                    Map.entry(RESPONSE_TIME_MS, new Range(0, HOUR_MS, "ms")),
                    Map.entry(CONNECTIONS, new Range(0, 1e9, "connections")),
                    Map.entry(BANDWIDTH_BPS, new Range(0, 1e13, "bit/s")),
                    Map.entry(PACKET_LOSS, new Range(0, 1, "fraction")),
                    Map.entry(LATENCY_MS, new Range(0, HOUR_MS, "ms")),
                    Map.entry(ACTIVE_CONNECTIONS, new Range(0, 1e7, "connections")),
                    Map.entry(QUERY_TIME_MS, new Range(0, HOUR_MS, "ms")),
                    Map.entry(QUEUE_DEPTH, new Range(0, 1e9, "queries")),
                    Map.entry(REPLICATION_LAG_S, new Range(0, 1e6, "s")),
                    Map.entry(POOL_SIZE, new Range(0, 1e7, "connections")),
                    Map.entry(CLIENT_INSTANCES, new Range(0, 1e6, "instances")),
                    Map.entry(HIT_RATE, new Range(0, 1, "fraction")),
                    Map.entry(EVICTION_RATE, new Range(0, 1e9, "evictions/s")),
                    Map.entry(USED_MEMORY_BYTES, new Range(0, 1e15, "bytes")));

    private Gauges() {}

    public static Optional<Range> rangeOf(String gauge) {
        return Optional.ofNullable(RANGES.get(gauge));
    }
}
