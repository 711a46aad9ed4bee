package io.waddle.autoscaler.scaling;

import io.waddle.autoscaler.model.Gauges;
import io.waddle.autoscaler.model.ObservedWindow;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.WindowedMetrics;

/**
 * One evaluation of a compute service as the job makes it at each window: the load trend is
 * updated, the scaler decides, and the decision becomes an event carrying what it saw. Plain Java:
 * the Flink function and the benchmark's engine both call it.
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
     * @param scalerState, trend the state before, or null at first sight
     */
    public Evaluation evaluate(ScalerState scalerState, LoadTrend trend, WindowedMetrics window) {
        LoadTrend nextTrend =
                (trend != null ? trend : LoadTrend.empty())
                        .add(
                                window.windowEnd(),
                                window.total(Gauges.REQUESTS_PER_SECOND),
                                trendWindows);
        ScalerResult r =
                scaler.decide(
                        scalerState != null ? scalerState : ScalerState.initial(),
                        window,
                        window.windowEnd());
        ScalingEvent event =
                ScalingEvent.of(
                        r.decision(), ObservedWindow.of(window, nextTrend.slopePerSecond()));
        return new Evaluation(event, r.next(), nextTrend);
    }
}
