package io.waddle.autoscaler.bench.baselines;

import io.waddle.autoscaler.bench.BenchSettings;
import io.waddle.autoscaler.bench.WaddleJobModel;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import org.apache.flink.configuration.Configuration;

/**
 * Ours, with its default policy: the job's windows, evaluator and coordinator with the defaults of
 * {@link AutoscalerOptions} (CPU target 70 %, tolerance 10 %, 300 s stabilization and cooldown, HPA
 * rate limits, 60 s windows sliding by 15 s). Only the bounds are the benchmark's, as for every
 * autoscaler.
 */
public final class WaddleModel {
    private WaddleModel() {}

    /**
     * The options the job runs with in the benchmark: the defaults, with the benchmark's bounds.
     */
    public static Configuration jobOptions(BenchSettings s) {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COMPUTE_MIN_INSTANCES, s.minInstances());
        conf.set(AutoscalerOptions.COMPUTE_MAX_INSTANCES, s.maxInstances());
        return conf;
    }

    public static WaddleJobModel create(BenchSettings s) {
        Configuration conf = jobOptions(s);
        ComputeScalerConfig config = AutoscalerOptions.computeScaler(conf);
        return new WaddleJobModel(
                config,
                conf.get(AutoscalerOptions.TREND_WINDOWS),
                conf.get(AutoscalerOptions.WINDOW_SIZE),
                conf.get(AutoscalerOptions.WINDOW_SLIDE),
                AutoscalerOptions.coordinator(conf));
    }
}
