package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.Tolerance;
import java.time.Duration;

/**
 * KEDA on top of the HPA: a scaler (e.g. Prometheus) exposes the request rate as an external metric
 * with a per-replica target (AverageValue: desired = ceil(total / target)), polled every 30 s
 * (pollingInterval default); the HPA still syncs every 15 s with its default behaviour, so between
 * polls it sees the last polled value. The per-replica target is the request rate one instance
 * serves at the benchmark's target utilization. Sources:
 * keda.sh/docs/latest/reference/scaledobject-spec/ (pollingInterval: 30) and
 * keda.sh/docs/latest/concepts/scaling-deployments/.
 */
public final class KedaModel {
    private KedaModel() {}

    public static BenchAutoscaler create(BenchSettings s, double capacityPerInstance) {
        ComputeScalerConfig keda =
                new ComputeScalerConfig(
                        0,
                        0,
                        capacityPerInstance * s.targetUtilization(),
                        new Tolerance(0.10),
                        s.minInstances(),
                        s.maxInstances(),
                        Duration.ZERO,
                        Duration.ofSeconds(300),
                        Duration.ZERO,
                        HpaModel.SCALE_UP,
                        HpaModel.SCALE_DOWN);
        Duration sync = Duration.ofSeconds(15);
        return new CoreScalerModel("keda", keda, sync, sync, Duration.ofSeconds(30));
    }
}
