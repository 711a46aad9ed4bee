package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.RatePolicy;
import io.waddle.autoscaler.core.scaling.ScalingRules;
import io.waddle.autoscaler.core.scaling.Tolerance;
import java.time.Duration;
import java.util.List;

/**
 * Kubernetes HPA v2 on CPU utilization with its documented defaults: a 15 s sync period
 * (--horizontal-pod-autoscaler-sync-period), a 10 % tolerance, a 300 s scale-down stabilization
 * window and no scale-up stabilization, scale-up policies 100 %/15 s and 4 pods/15 s (select Max),
 * scale-down policy 100 %/15 s; unready pods count as 0 % on a scale-up and pods missing metrics as
 * 100 % of target on a scale-down. It reads the metrics-server's latest CPU value (one sync
 * period). Sources: kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/ ("Algorithm
 * details", "Default Behavior") and pkg/controller/podautoscaler/horizontal.go and
 * replica_calculator.go in kubernetes/kubernetes.
 */
public final class HpaModel {
    /** The HPA's default scale-up policies: 100 % or 4 pods per 15 s, whichever is more. */
    static final ScalingRules SCALE_UP =
            new ScalingRules(
                    List.of(
                            RatePolicy.percent(100, Duration.ofSeconds(15)),
                            RatePolicy.instances(4, Duration.ofSeconds(15))),
                    ScalingRules.Select.MAX);

    /** The HPA's default scale-down policy: 100 % per 15 s. */
    static final ScalingRules SCALE_DOWN =
            new ScalingRules(
                    List.of(RatePolicy.percent(100, Duration.ofSeconds(15))),
                    ScalingRules.Select.MAX);

    private HpaModel() {}

    public static BenchAutoscaler create(BenchSettings s) {
        ComputeScalerConfig hpa =
                new ComputeScalerConfig(
                        s.targetUtilization() * 100,
                        0,
                        0,
                        new Tolerance(0.10),
                        s.minInstances(),
                        s.maxInstances(),
                        Duration.ZERO,
                        Duration.ofSeconds(300),
                        Duration.ZERO,
                        SCALE_UP,
                        SCALE_DOWN);
        Duration sync = Duration.ofSeconds(15);
        return new CoreScalerModel("hpa", hpa, sync, sync, Duration.ZERO);
    }
}
