package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.coordination.Coordinator;
import io.waddle.autoscaler.coordination.CoordinatorConfig;
import io.waddle.autoscaler.coordination.PlatformState;
import io.waddle.autoscaler.model.ActuationResult;
import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The coordinator as a Flink operator, keyed by platform. Decisions of one window (one round) are
 * buffered until the watermark passes the window's end, when every service's decision for it is in;
 * then {@link Coordinator} orders them and the commands leave in phase order, one subtask per
 * platform, so their order holds on the commands topic. Every decision, as it finally stands, goes
 * to {@link #EVENTS}. Actuation results on the second input release locks at once.
 */
public final class CoordinatorFunction
        extends KeyedCoProcessFunction<String, ScalingEvent, ActuationResult, ScalingCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<ScalingEvent> EVENTS = new OutputTag<>("scaling-events") {};

    /** The reasons for which the coordinator itself holds a decision back. */
    private static final Set<String> HELD =
            Set.of(
                    "LOCKED",
                    "DUPLICATE_IN_FLIGHT",
                    "WAITING_FOR_DEPENDENCY",
                    "GLOBAL_LIMIT",
                    "DEPENDENTS_NEED_CAPACITY");

    private final CoordinatorConfig config;

    private transient Coordinator coordinator;
    private transient ValueState<PlatformState> platform;
    private transient ListState<ScalingEvent> pending;
    private transient Counter suppressed;
    private transient Counter dependencyScaleUps;
    private transient Counter silences;

    public CoordinatorFunction(CoordinatorConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        coordinator = new Coordinator(config);
        platform =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("platform", PlatformState.class));
        pending =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("round", ScalingEvent.class));
        suppressed = getRuntimeContext().getMetricGroup().counter("decisionsHeldByCoordinator");
        dependencyScaleUps = getRuntimeContext().getMetricGroup().counter("dependencyScaleUps");
        silences = getRuntimeContext().getMetricGroup().counter("servicesGoneSilent");
    }

    @Override
    public void processElement1(ScalingEvent event, Context ctx, Collector<ScalingCommand> out)
            throws Exception {
        pending.add(event);
        // The window's results carry its end minus 1 ms: the round is complete once the
        // watermark passes it.
        ctx.timerService().registerEventTimeTimer(event.decidedAt().toEpochMilli() - 1);
    }

    @Override
    public void processElement2(ActuationResult result, Context ctx, Collector<ScalingCommand> out)
            throws Exception {
        platform.update(Coordinator.applied(current(), result));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScalingCommand> out)
            throws Exception {
        List<ScalingEvent> due = new ArrayList<>();
        List<ScalingEvent> later = new ArrayList<>();
        for (ScalingEvent e : pending.get()) {
            (e.decidedAt().toEpochMilli() - 1 <= timestamp ? due : later).add(e);
        }
        if (due.isEmpty()) {
            return;
        }
        // Several windows can come due at once (a watermark jump): each is its own round.
        due.sort(Comparator.comparing(ScalingEvent::decidedAt));
        PlatformState state = current();
        int i = 0;
        while (i < due.size()) {
            Instant at = due.get(i).decidedAt();
            List<ScalingEvent> round = new ArrayList<>();
            while (i < due.size() && due.get(i).decidedAt().equals(at)) {
                round.add(due.get(i++));
            }
            Coordinator.RoundResult r = coordinator.coordinate(state, round, at);
            state = r.next();
            emit(r.ordered(), ctx, out);
        }
        platform.update(state);
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
    }

    private void emit(
            List<ScalingEvent> ordered, OnTimerContext ctx, Collector<ScalingCommand> out) {
        for (ScalingEvent e : ordered) {
            if (e.issuesCommand()) {
                out.collect(ScalingCommand.of(e));
                if ("DEPENDENCY_HEADROOM".equals(e.reason())) {
                    dependencyScaleUps.inc();
                }
            } else if (HELD.contains(e.reason())) {
                suppressed.inc();
            } else if ("METRICS_SILENT".equals(e.reason())) {
                silences.inc();
            }
            ctx.output(EVENTS, e);
        }
    }

    private PlatformState current() throws Exception {
        PlatformState s = platform.value();
        return s != null ? s : PlatformState.empty();
    }
}
