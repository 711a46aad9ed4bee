package io.waddle.autoscaler.scaling;

import io.waddle.autoscaler.model.Gauges;
import io.waddle.autoscaler.model.ObservedWindow;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.WindowedMetrics;

/**
 * One evaluation of a compute service as the job makes it at each window: the load trend is
 * updated, the scaler decides, and the decision becomes an event carrying what it saw and the
 * policy it was made under. Plain Java: the Flink function and the benchmark's engine both call it.
 */
public final class ComputeEvaluator {
    private final ComputeScaler scaler;
    private final int trendWindows;

    /** The state to keep after an evaluation, and its event. */
    public record Evaluation(ScalingEvent event, ScalerState scalerState, LoadTrend trend) {}

    public ComputeEvaluator(ComputeScalerConfig config, int trendWindows) {
        this.scaler = new ComputeScaler(config);
        this.trendWindows = trendWindows;
    }

    /**
     * @param scalerState the scaler's state before, or null at first sight
     * @param trend the load trend before, or null at first sight
     * @param policy the policy in force; in dry-run and forecast-only modes a SCALE decision is
     *     logged as SUPPRESSED and the scaler keeps tracking the capacity that really reports
     */
    public Evaluation evaluate(
            ScalerState scalerState, LoadTrend trend, WindowedMetrics window, PolicyRef policy) {
        LoadTrend nextTrend =
                (trend != null ? trend : LoadTrend.empty())
                        .add(
                                window.windowEnd(),
                                window.total(Gauges.REQUESTS_PER_SECOND),
                                trendWindows);
        ScalerState before = scalerState != null ? scalerState : ScalerState.initial();
        Reason withheld = policy.withheldBy();
        if (withheld != null) {
            before = before.observing(window.instances());
        }
        ScalerResult r = scaler.decide(before, window, window.windowEnd());
        ScalingEvent event =
                ScalingEvent.of(
                        r.decision(),
                        ObservedWindow.of(window, nextTrend.slopePerSecond()),
                        policy);
        ScalerState next = r.next();
        if (withheld != null && event.issuesCommand()) {
            event = policy.withhold(event);
            next =
                    new ScalerState(
                            before.targetInstances(),
                            before.lastScaleAt(),
                            next.recommendations(),
                            before.scaleEvents());
        }
        return new Evaluation(event, next, nextTrend);
    }
}
