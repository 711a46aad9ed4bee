package io.waddle.autoscaler.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one sliding window saw of one service in one region.
 *
 * @param instances the current capacity: distinct instances that reported at least one sample
 * @param gauges per gauge name, its statistics across the reporting instances
 */
public record WindowedMetrics(
        String service,
        String region,
        ServiceKind kind,
        Instant windowStart,
        Instant windowEnd,
        int instances,
        Map<String, GaugeStats> gauges) {

    public WindowedMetrics {
        gauges = Map.copyOf(gauges);
    }

    public Optional<GaugeStats> gauge(String name) {
        return Optional.ofNullable(gauges.get(name));
    }

    /** Mean of a gauge across instances, or NaN when no instance reported it. */
    public double mean(String name) {
        GaugeStats stats = gauges.get(name);
        return stats == null ? Double.NaN : stats.mean();
    }

    /** Max of a gauge, or NaN when no instance reported it. */
    public double max(String name) {
        GaugeStats stats = gauges.get(name);
        return stats == null ? Double.NaN : stats.max();
    }

    /**
     * Sum across instances of a gauge (e.g. the total request rate), or 0 when none reported it.
     */
    public double total(String name) {
        GaugeStats stats = gauges.get(name);
        return stats == null ? 0.0 : stats.sum();
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
