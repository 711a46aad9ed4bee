package io.waddle.autoscaler.bench.baselines;

import io.waddle.autoscaler.bench.BenchAutoscaler;
import io.waddle.autoscaler.bench.BenchSettings;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * Ours, with its default policy: the compute scaler core of the Flink job with the defaults of
 * {@link AutoscalerOptions} (CPU target 70 %, tolerance 10 %, 300 s stabilization and cooldown, HPA
 * rate limits), on the job's 60 s window sliding every 15 s. Only the bounds are the benchmark's,
 * as for every autoscaler.
 */
public final class WaddleModel {
    private WaddleModel() {}

    public static BenchAutoscaler create(BenchSettings s) {
        ComputeScalerConfig d = AutoscalerOptions.computeScaler(new Configuration());
        ComputeScalerConfig waddle =
                new ComputeScalerConfig(
                        d.targetCpuPercent(),
                        d.targetMemoryPercent(),
                        d.targetRequestsPerInstance(),
                        d.tolerance(),
                        s.minInstances(),
                        s.maxInstances(),
                        d.scaleUpStabilization(),
                        d.scaleDownStabilization(),
                        d.cooldown(),
                        d.scaleUp(),
                        d.scaleDown());
        return new CoreScalerModel(
                "waddle",
                waddle,
                AutoscalerOptions.WINDOW_SLIDE.defaultValue(),
                AutoscalerOptions.WINDOW_SIZE.defaultValue(),
                Duration.ZERO);
    }
}
