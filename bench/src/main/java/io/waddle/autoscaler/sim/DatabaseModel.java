package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database connection pool behind two proxies. Its capacity is the pool size (connections); the
 * region's compute workers each want up to {@code connectionsPerWorker} of them, in proportion to
 * their load:
 *
 * <pre>
 * wanted      = compute instances × connections per worker × min(1, compute utilization)
 * queue depth = max(0, wanted − pool) / 2 per proxy
 * clients     = compute instances / 2 per proxy (the workers the pool is sized for)
 * query time  = 8 ms × (1 + queue / 10)
 * </pre>
 */
public record DatabaseModel(
        String service, String region, int connectionsPerWorker, double capacityPerComputeInstance)
        implements ServiceModel {
    private static final List<String> PROXIES = List.of("proxy-0", "proxy-1");

    @Override
    public ServiceKind kind() {
        return ServiceKind.DATABASE;
    }

    @Override
    public String unit() {
        return "connections";
    }

    double wanted(Step s) {
        if (s.computeReady() == 0) {
            return 0;
        }
        double util = Math.min(1, s.load() / (s.computeReady() * capacityPerComputeInstance));
        return s.computeReady() * connectionsPerWorker * util;
    }

    @Override
    public int demand(Step s) {
        return (int) Math.ceil(wanted(s) - 1e-9);
    }

    @Override
    public int initialCapacity(Step s) {
        return Math.max(10, (int) Math.ceil(wanted(s) * 1.2));
    }

    @Override
    public List<MetricSample> samples(Step s, List<String> ready) {
        int pool = ready.size();
        double wanted = wanted(s);
        double queue = Math.max(0, wanted - pool) / PROXIES.size();
        Map<String, Double> g =
                Map.of(
                        Gauges.ACTIVE_CONNECTIONS,
                        Math.min(wanted, pool) / PROXIES.size(),
                        Gauges.POOL_SIZE,
                        (double) pool / PROXIES.size(),
                        Gauges.QUEUE_DEPTH,
                        queue,
                        Gauges.QUERY_TIME_MS,
                        8 * (1 + queue / 10),
                        Gauges.REPLICATION_LAG_S,
                        0.5,
                        Gauges.CLIENT_INSTANCES,
                        (double) s.computeReady() / PROXIES.size());
        List<MetricSample> out = new ArrayList<>();
        for (String proxy : PROXIES) {
            out.add(
                    new MetricSample(
                            MetricSample.SCHEMA_VERSION,
                            service,
                            region,
                            ServiceKind.DATABASE,
                            proxy,
                            s.at(),
                            g));
        }
        return out;
    }

    @Override
    public double servedShare(Step s, int ready) {
        double w = wanted(s);
        return w == 0 ? 1 : Math.min(1, ready / w);
    }

    @Override
    public double utilization(Step s, int ready) {
        return ready == 0 ? Double.POSITIVE_INFINITY : wanted(s) / ready;
    }
}
