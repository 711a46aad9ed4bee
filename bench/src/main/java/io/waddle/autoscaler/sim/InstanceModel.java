package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a compute instance reports under a given load. Load is spread evenly over the serving
 * instances; each serves at most {@code capacityPerInstance} requests per second.
 *
 * <pre>
 * utilization u  = load / (instances * capacity)
 * cpu            = 100 * min(u, 1)  (+-3 % noise)      saturates: an instance cannot exceed its limit
 * memory         = 35 + 30 * min(u, 1.2)
 * requests/s     = load / instances                   offered load, as a load balancer counts it
 * response time  = 20 ms / (1 - min(u, 0.98))         M/M/1 queueing
 * </pre>
 */
public final class InstanceModel {
    private final double capacityPerInstance;
    private final SplittableRandom random;

    public InstanceModel(double capacityPerInstance, long seed) {
        if (!(capacityPerInstance > 0)) {
            throw new IllegalArgumentException(
                    "capacity per instance must be > 0: " + capacityPerInstance);
        }
        this.capacityPerInstance = capacityPerInstance;
        this.random = new SplittableRandom(seed);
    }

    public double capacityPerInstance() {
        return capacityPerInstance;
    }

    /**
     * Utilization of {@code instances} serving {@code load} requests/s; +infinity with none
     * serving.
     */
    public double utilization(double load, int instances) {
        return instances == 0 ? Double.POSITIVE_INFINITY : load / (instances * capacityPerInstance);
    }

    public List<MetricSample> samples(
            String service, String region, List<String> instances, double load, Instant at) {
        List<MetricSample> out = new ArrayList<>(instances.size());
        if (instances.isEmpty()) {
            return out;
        }
        double u = utilization(load, instances.size());
        double perInstance = load / instances.size();
        for (String id : instances) {
            double noise = 1 + (random.nextDouble() - 0.5) * 0.06;
            Map<String, Double> gauges = new LinkedHashMap<>();
            gauges.put(Gauges.CPU, Math.min(100.0, 100.0 * Math.min(u, 1.0) * noise));
            gauges.put(Gauges.MEMORY, 35.0 + 30.0 * Math.min(u, 1.2));
            gauges.put(Gauges.REQUESTS_PER_SECOND, perInstance * noise);
            gauges.put(Gauges.RESPONSE_TIME_MS, 20.0 / (1.0 - Math.min(u, 0.98)));
            out.add(
                    new MetricSample(
                            MetricSample.SCHEMA_VERSION,
                            service,
                            region,
                            ServiceKind.COMPUTE,
                            id,
                            at,
                            gauges));
        }
        return out;
    }
}
