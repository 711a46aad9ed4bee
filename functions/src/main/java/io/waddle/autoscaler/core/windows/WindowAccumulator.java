package io.waddle.autoscaler.core.windows;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Running sums of one window: per instance and gauge, the sum, count and max of its samples. A
 * Flink POJO (public fields, no-arg constructor) so that it is stored without Kryo.
 */
public class WindowAccumulator {
    private static final char SEP = '\u0000';

    public String service;
    public String region;
    public ServiceKind kind;

    /** "instance\0gauge" -> {sum, count, max}. */
    public Map<String, double[]> cells = new HashMap<>();

    /** How many distinct instances reported into these sums. */
    public int instances;

    public WindowAccumulator() {}

    /** Whether {@code s} comes from an instance these sums have not seen yet. */
    public boolean isNewInstance(MetricSample s) {
        return !cells.containsKey(s.instanceId() + SEP);
    }

    public WindowAccumulator add(MetricSample s) {
        if (service == null) {
            service = s.service();
            region = s.region();
            kind = s.kind();
        }
        // An instance with no gauges of interest still counts as reporting.
        if (cells.putIfAbsent(s.instanceId() + SEP, new double[] {0, 0, 0}) == null) {
            instances++;
        }
        s.gauges()
                .forEach((gauge, value) -> addCell(s.instanceId() + SEP + gauge, value, 1, value));
        return this;
    }

    public WindowAccumulator merge(WindowAccumulator other) {
        if (service == null) {
            service = other.service;
            region = other.region;
            kind = other.kind;
        }
        other.cells.forEach((k, c) -> addCell(k, c[0], c[1], c[2]));
        return this;
    }

    private void addCell(String key, double sum, double count, double max) {
        double[] c = cells.computeIfAbsent(key, k -> new double[] {0, 0, Double.NEGATIVE_INFINITY});
        c[0] += sum;
        c[1] += count;
        c[2] = Math.max(c[2], max);
    }

    /**
     * The window's statistics: each instance's mean per gauge, then per gauge the number of
     * instances, the sum of their means and the largest sample.
     */
    public WindowedMetrics result(Instant start, Instant end) {
        Set<String> instances = new HashSet<>();
        Map<String, double[]> perGauge = new HashMap<>(); // gauge -> {instances, sumOfMeans, max}
        cells.forEach(
                (key, c) -> {
                    int sep = key.indexOf(SEP);
                    instances.add(key.substring(0, sep));
                    String gauge = key.substring(sep + 1);
                    if (gauge.isEmpty() || c[1] == 0) {
                        return;
                    }
                    double[] g =
                            perGauge.computeIfAbsent(
                                    gauge, k -> new double[] {0, 0, Double.NEGATIVE_INFINITY});
                    g[0] += 1;
                    g[1] += c[0] / c[1];
                    g[2] = Math.max(g[2], c[2]);
                });
        Map<String, GaugeStats> gauges = new HashMap<>();
        perGauge.forEach((gauge, g) -> gauges.put(gauge, new GaugeStats((int) g[0], g[1], g[2])));
        return new WindowedMetrics(service, region, kind, start, end, instances.size(), gauges);
    }
}
