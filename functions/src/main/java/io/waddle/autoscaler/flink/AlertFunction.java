package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.alerts.AlertSettings;
import io.waddle.autoscaler.core.alerts.AlertWatch;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.AlertInput;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alerts operator, keyed by service/region: an {@link AlertWatch} per key, fed with oscillation
 * matches, actuation results and the coordinator's events, and woken by an event-time timer when a
 * condition can clear by time alone. A key with nothing firing or pending keeps no state.
 */
public final class AlertFunction extends KeyedProcessFunction<String, AlertInput, Alert> {
    private static final long serialVersionUID = 1L;

    private final AlertSettings settings;

    private transient ValueState<AlertWatch> watch;
    private transient ValueState<Long> wake;

    public AlertFunction(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        watch =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("alerts", AlertWatch.class));
        wake = getRuntimeContext().getState(new ValueStateDescriptor<>("alerts-wake", Types.LONG));
    }

    @Override
    public void processElement(AlertInput in, Context ctx, Collector<Alert> out) throws Exception {
        AlertWatch w = watch.value();
        if (w == null) {
            w = AlertWatch.quiet(in.service(), in.region());
        }
        AlertWatch.Step step;
        if (in.match() != null) {
            step = w.onMatch(in.match(), settings);
        } else if (in.result() != null) {
            step = w.onResult(in.result(), settings);
        } else {
            step = w.onEvent(in.event(), settings);
        }
        finish(step, ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        AlertWatch w = watch.value();
        Long due = wake.value();
        if (w == null || due == null || due != timestamp) {
            return;
        }
        wake.clear();
        finish(w.onTime(Instant.ofEpochMilli(timestamp), settings), timestamp, ctx, out);
    }

    private void finish(AlertWatch.Step step, long now, Context ctx, Collector<Alert> out)
            throws Exception {
        step.publish().forEach(out::collect);
        Long previous = wake.value();
        Long next = step.wakeAt() == null ? null : step.wakeAt().toEpochMilli();
        if (previous != null && !previous.equals(next)) {
            ctx.timerService().deleteEventTimeTimer(previous);
            wake.clear();
        }
        if (next == null && step.next().isQuiet(Instant.ofEpochMilli(Math.max(now, 0)), settings)) {
            watch.clear();
            return;
        }
        watch.update(step.next());
        if (next != null && !next.equals(previous)) {
            ctx.timerService().registerEventTimeTimer(next);
            wake.update(next);
        }
    }
}
