package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.FlinkPipeline;
import io.waddle.autoscaler.config.AutoscalerOptions;
import java.nio.file.Path;
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
        return jobOptions(s, Variant.FULL);
    }

    /**
     * The options of a variant: waddle's documented defaults, with what the benchmark sets for
     * every autoscaler alike: the bounds and the target utilization (its CPU target). Waddle is not
     * told the simulated platform's provisioning delay: it sizes emergencies for its own default
     * ({@code autoscaler.spike.provisioning-delay}, 60 s), as the other autoscalers run on theirs.
     */
    public static Configuration jobOptions(BenchSettings s, Variant variant) {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COMPUTE_MIN_INSTANCES, s.minInstances());
        conf.set(AutoscalerOptions.COMPUTE_MAX_INSTANCES, s.maxInstances());
        conf.set(AutoscalerOptions.COMPUTE_TARGET_CPU, 100 * s.targetUtilization());
        if (variant == Variant.NO_SPIKE) {
            conf.set(AutoscalerOptions.SPIKE_ENABLED, false);
        }
        if (variant == Variant.NO_DAMPING) {
            conf.set(AutoscalerOptions.OSCILLATION_MAX_DAMPING, 1.0);
        }
        return conf;
    }

    /** Waddle as shipped, or without one of its pattern reactions, to measure what it brings. */
    public enum Variant {
        FULL("waddle"),
        NO_SPIKE("waddle-no-spike"),
        NO_DAMPING("waddle-no-damping");

        private final String benchName;

        Variant(String benchName) {
            this.benchName = benchName;
        }

        public String benchName() {
            return benchName;
        }
    }

    public static WaddleJobModel create(BenchSettings s) {
        return create(s, Variant.FULL);
    }

    public static WaddleJobModel create(BenchSettings s, Variant variant) {
        return new WaddleJobModel(variant.benchName(), new DirectPipeline(jobOptions(s, variant)));
    }

    /** Waddle as the real job (Kafka broker process, MiniCluster) in {@code workDir}. */
    public static WaddleJobModel onFlink(Path workDir, BenchSettings s) throws Exception {
        return new WaddleJobModel("waddle", new FlinkPipeline(workDir, jobOptions(s)));
    }
}
