package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A session cache: its working set grows with the load; when it outgrows the nodes' memory, the hit
 * rate falls and entries are evicted.
 *
 * <pre>
 * used      = load × bytes per request/s
 * hit rate  = 0.92 × min(1, memory / used)
 * evictions = max(0, used − memory) / 1 MiB per second
 * </pre>
 */
public record CacheModel(String service, String region, double bytesPerRequest, double bytesPerNode)
        implements ServiceModel {

    @Override
    public ServiceKind kind() {
        return ServiceKind.CACHE;
    }

    @Override
    public String unit() {
        return "nodes";
    }

    double used(Step s) {
        return s.load() * bytesPerRequest;
    }

    @Override
    public int demand(Step s) {
        return Math.max(1, (int) Math.ceil(used(s) / bytesPerNode - 1e-9));
    }

    @Override
    public int initialCapacity(Step s) {
        return Math.max(1, (int) Math.ceil(used(s) * 1.25 / bytesPerNode));
    }

    @Override
    public List<MetricSample> samples(Step s, List<String> ready) {
        List<MetricSample> out = new ArrayList<>(ready.size());
        if (ready.isEmpty()) {
            return out;
        }
        double used = used(s);
        double memory = ready.size() * bytesPerNode;
        Map<String, Double> g =
                Map.of(
                        Gauges.USED_MEMORY_BYTES, Math.min(used, memory) / ready.size(),
                        Gauges.HIT_RATE, 0.92 * Math.min(1, memory / Math.max(used, 1)),
                        Gauges.EVICTION_RATE,
                                Math.max(0, used - memory) / (1 << 20) / ready.size());
        for (String id : ready) {
            out.add(
                    new MetricSample(
                            MetricSample.SCHEMA_VERSION,
                            service,
                            region,
                            ServiceKind.CACHE,
                            id,
                            s.at(),
                            g));
        }
        return out;
    }

    @Override
    public double servedShare(Step s, int ready) {
        return Math.min(1, ready * bytesPerNode / Math.max(used(s), 1));
    }

    @Override
    public double utilization(Step s, int ready) {
        return ready == 0 ? Double.POSITIVE_INFINITY : used(s) / (ready * bytesPerNode);
    }
}
