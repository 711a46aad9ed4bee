package io.waddle.autoscaler.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's gauges at one moment: the unit of input. Built only by the validating parser, so
 * every sample in the pipeline has finite, in-range gauges.
 *
 * @param schemaVersion the wire format's version, {@link #SCHEMA_VERSION} today
 * @param gauges named gauge values; unknown names are kept so that policies can target them later
 */
public record MetricSample(
        int schemaVersion,
        String service,
        String region,
        ServiceKind kind,
        String instanceId,
        Instant timestamp,
        Map<String, Double> gauges) {

    public static final int SCHEMA_VERSION = 1;

    public MetricSample {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(timestamp, "timestamp");
        gauges = Map.copyOf(gauges);
    }

    /** The key the pipeline partitions by: one scaler per service and region. */
    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
