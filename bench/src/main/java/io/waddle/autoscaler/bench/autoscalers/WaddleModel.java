package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.config.AutoscalerOptions;
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
     * The options of a variant: the defaults, with the benchmark's bounds and its platform's
     * provisioning delay (what the emergency scale-up is sized for).
     */
    public static Configuration jobOptions(BenchSettings s, Variant variant) {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COMPUTE_MIN_INSTANCES, s.minInstances());
        conf.set(AutoscalerOptions.COMPUTE_MAX_INSTANCES, s.maxInstances());
        conf.set(AutoscalerOptions.PROVISIONING_DELAY, s.provisioningDelay());
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
        return new WaddleJobModel(variant.benchName(), jobOptions(s, variant));
    }
}
