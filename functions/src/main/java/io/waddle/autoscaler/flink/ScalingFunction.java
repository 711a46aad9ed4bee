package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.model.WindowedMetrics;
import io.waddle.autoscaler.scaling.ComputeEvaluator;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.scaling.LoadTrend;
import io.waddle.autoscaler.scaling.ScalerState;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed decision operator: for each window of a service in a region, it updates the load trend,
 * asks the compute scaler for a decision and emits it as an event. A thin adapter: state in, core
 * call, state out. State of a service that stops reporting is cleared after the idle retention.
 */
public final class ScalingFunction
        extends KeyedProcessFunction<String, WindowedMetrics, ScalingEvent> {
    private static final long serialVersionUID = 1L;

    private final ComputeScalerConfig config;
    private final int trendWindows;
    private final Duration idleRetention;

    private transient ComputeEvaluator evaluator;
    private transient ValueState<ScalerState> scalerState;
    private transient ValueState<LoadTrend> trendState;
    private transient ValueState<Long> cleanupTimer;
    private transient Counter unscaledWindows;

    public ScalingFunction(ComputeScalerConfig config, int trendWindows, Duration idleRetention) {
        this.config = config;
        this.trendWindows = trendWindows;
        this.idleRetention = idleRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        evaluator = new ComputeEvaluator(config, trendWindows);
        scalerState =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("scaler", ScalerState.class));
        trendState =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("load-trend", LoadTrend.class));
        cleanupTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
        unscaledWindows = getRuntimeContext().getMetricGroup().counter("windowsWithoutScaler");
    }

    @Override
    public void processElement(WindowedMetrics window, Context ctx, Collector<ScalingEvent> out)
            throws Exception {
        if (window.kind() != ServiceKind.COMPUTE) {
            // Only compute has a scaler so far; other kinds are validated and windowed, not scaled.
            unscaledWindows.inc();
            return;
        }
        ComputeEvaluator.Evaluation e =
                evaluator.evaluate(scalerState.value(), trendState.value(), window);
        scalerState.update(e.scalerState());
        trendState.update(e.trend());
        rescheduleCleanup(ctx, window.windowEnd().plus(idleRetention).toEpochMilli());
        out.collect(e.event());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        Long due = cleanupTimer.value();
        if (due != null && due == timestamp) {
            scalerState.clear();
            trendState.clear();
            cleanupTimer.clear();
        }
    }

    private void rescheduleCleanup(Context ctx, long at) throws Exception {
        Long previous = cleanupTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(at);
        cleanupTimer.update(at);
    }
}
