package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.Decision;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Numbers each service's scaling decisions that change capacity (0, 1, 2, ...), for the oscillation
 * pattern that counts direction changes among the last N actions. A service idle for the retention
 * starts counting afresh.
 */
public final class ActionSequencer extends KeyedProcessFunction<String, Decision, ActionPoint> {
    private static final long serialVersionUID = 1L;

    private final Duration idleRetention;
    private transient ValueState<Long> count;
    private transient ValueState<Long> cleanup;

    public ActionSequencer(Duration idleRetention) {
        this.idleRetention = idleRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("actions", Types.LONG));
        cleanup =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("actions-cleanup", Types.LONG));
    }

    @Override
    public void processElement(Decision e, Context ctx, Collector<ActionPoint> out)
            throws Exception {
        if (!e.issuesCommand() || e.to() == e.from()) {
            return;
        }
        long seq = count.value() == null ? 0 : count.value() + 1;
        count.update(seq);
        out.collect(
                new ActionPoint(e.service(), e.region(), e.decidedAt(), seq, e.to() > e.from()));
        Long previous = cleanup.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long at = e.decidedAt().plus(idleRetention).toEpochMilli();
        ctx.timerService().registerEventTimeTimer(at);
        cleanup.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ActionPoint> out)
            throws Exception {
        Long due = cleanup.value();
        if (due != null && due == timestamp) {
            count.clear();
            cleanup.clear();
        }
    }
}
