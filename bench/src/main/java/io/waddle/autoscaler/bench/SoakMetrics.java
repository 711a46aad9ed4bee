package io.waddle.autoscaler.bench;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter for the soak: the job's checkpoint and restart gauges, read by the soak
 * in the same JVM as the MiniCluster. Configured as {@code metrics.reporter.soak.factory.class}.
 */
public final class SoakMetrics implements MetricReporter, MetricReporterFactory {
    static final String LAST_CHECKPOINT_DURATION = "lastCheckpointDuration";
    static final String COMPLETED_CHECKPOINTS = "numberOfCompletedCheckpoints";
    static final String FAILED_CHECKPOINTS = "numberOfFailedCheckpoints";
    static final String RESTARTS = "numRestarts";
    private static final Set<String> WATCHED =
            Set.of(LAST_CHECKPOINT_DURATION, COMPLETED_CHECKPOINTS, FAILED_CHECKPOINTS, RESTARTS);
    private static final Map<String, Gauge<?>> GAUGES = new ConcurrentHashMap<>();

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new SoakMetrics();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (WATCHED.contains(name) && metric instanceof Gauge<?> g) {
            GAUGES.put(name, g);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        GAUGES.remove(name, metric);
    }

    /** The gauge's value now, if the job has registered it. */
    static OptionalLong read(String name) {
        Gauge<?> g = GAUGES.get(name);
        if (g == null || !(g.getValue() instanceof Number n)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.longValue());
    }
}
