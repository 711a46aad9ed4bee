package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.scaling.CommandGate;
import io.waddle.autoscaler.scaling.InFlightCommand;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The last stage before the commands topic. It turns SCALE decisions into commands, except one
 * whose target equals that of a command still in flight: that decision is suppressed with reason
 * DUPLICATE_IN_FLIGHT. A command stays in flight until the reporting instances reach its target or
 * the in-flight timeout passes (event time). Every decision leaves as an event on {@link #EVENTS},
 * so the events stream is the complete, final log.
 */
public final class CommandDeduplicator
        extends KeyedProcessFunction<String, ScalingEvent, ScalingCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<ScalingEvent> EVENTS = new OutputTag<>("scaling-events") {};

    private final Duration inFlightTimeout;

    private transient CommandGate gate;

    private transient ValueState<InFlightCommand> inFlight;
    private transient Counter duplicates;

    public CommandDeduplicator(Duration inFlightTimeout) {
        this.inFlightTimeout = inFlightTimeout;
    }

    @Override
    public void open(OpenContext openContext) {
        gate = new CommandGate(inFlightTimeout);
        inFlight =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("in-flight", InFlightCommand.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("commandsDeduplicated");
    }

    @Override
    public void processElement(ScalingEvent event, Context ctx, Collector<ScalingCommand> out)
            throws Exception {
        InFlightCommand pending = inFlight.value();
        CommandGate.Result r = gate.admit(pending, event);
        if (r.inFlight() != pending) {
            if (pending != null) {
                ctx.timerService().deleteEventTimeTimer(pending.expiresAt());
            }
            if (r.inFlight() == null) {
                inFlight.clear();
            } else {
                inFlight.update(r.inFlight());
                ctx.timerService().registerEventTimeTimer(r.inFlight().expiresAt());
            }
        }
        if (r.command() != null) {
            out.collect(r.command());
        } else if (event.issuesCommand()) {
            duplicates.inc();
        }
        ctx.output(EVENTS, r.event());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScalingCommand> out)
            throws Exception {
        InFlightCommand pending = inFlight.value();
        if (pending != null && pending.expiresAt() == timestamp) {
            inFlight.clear();
        }
    }
}
