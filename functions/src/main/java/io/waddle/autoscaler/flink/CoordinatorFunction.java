package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.coordination.PlatformState;
import io.waddle.autoscaler.core.coordination.PlatformStore;
import io.waddle.autoscaler.core.model.CoordinatorInput;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.windows.EventTimeProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The coordinator as a Flink operator, keyed by platform. Decisions of one window (one round) are
 * buffered until the watermark passes the window's end, when every service's decision for it is in;
 * then {@link Coordinator} orders them and the commands leave in phase order, one subtask per
 * platform, so their order holds on the commands topic. Every decision, as it finally stands, goes
 * to {@link #EVENTS}, typed; the events sink writes them as JSON. Actuation results, on the same
 * input, release locks at once.
 */
public final class CoordinatorFunction
        extends KeyedProcessFunction<String, CoordinatorInput, ScalingCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Decision> EVENTS = new OutputTag<>("scaling-events") {};

    /** The reasons for which the coordinator itself holds a decision back. */
    private static final Set<Reason> HELD =
            EnumSet.of(
                    Reason.LOCKED,
                    Reason.DUPLICATE_IN_FLIGHT,
                    Reason.WAITING_FOR_DEPENDENCY,
                    Reason.GLOBAL_LIMIT,
                    Reason.DEPENDENTS_NEED_CAPACITY);

    private final CoordinatorConfig config;
    private final Duration roundTimeout;

    private transient Coordinator coordinator;
    private transient MapState<Long, Long> firstArrival;
    private transient KeyedPlatformStore platform;

    /** The platform as one value, as versions before the per-service store kept it. */
    private transient ValueState<PlatformState> legacy;

    private transient ListState<Decision> pending;
    private transient Counter suppressed;
    private transient Counter dependencyScaleUps;
    private transient Counter silences;
    private transient EventTimeProgress progress;

    /**
     * @param roundTimeout wall-clock time after a round's first decision arrived by which it goes
     *     out even if the watermark has not passed its window's end (an input that went idle holds
     *     the watermark back, or decisions arrived after it had already passed), provided event
     *     time stood still as long ({@link EventTimeProgress}): while it moves, the round waits
     */
    public CoordinatorFunction(CoordinatorConfig config, Duration roundTimeout) {
        this.config = config;
        this.roundTimeout = roundTimeout;
    }

    @Override
    public void open(OpenContext openContext) {
        coordinator = new Coordinator(config);
        platform = new KeyedPlatformStore(getRuntimeContext());
        legacy =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("platform", PlatformState.class));
        pending =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("round", Decision.class));
        firstArrival =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "round-first-arrival", Types.LONG, Types.LONG));
        suppressed = getRuntimeContext().getMetricGroup().counter("decisionsHeldByCoordinator");
        dependencyScaleUps = getRuntimeContext().getMetricGroup().counter("dependencyScaleUps");
        progress = new EventTimeProgress(roundTimeout);
        silences = getRuntimeContext().getMetricGroup().counter("servicesGoneSilent");
    }

    @Override
    public void processElement(CoordinatorInput in, Context ctx, Collector<ScalingCommand> out)
            throws Exception {
        if (in.result() != null) {
            coordinator.applied(store(), in.result());
            return;
        }
        progress.observe(
                ctx.timerService().currentWatermark(), ctx.timerService().currentProcessingTime());
        Decision event = in.decision();
        pending.add(event);
        // The window's results carry its end minus 1 ms: the round is complete once the
        // watermark passes it; at the latest, the round timeout after its first decision came.
        long round = event.decidedAt().toEpochMilli() - 1;
        ctx.timerService().registerEventTimeTimer(round);
        if (!firstArrival.contains(round)) {
            long now = ctx.timerService().currentProcessingTime();
            firstArrival.put(round, now);
            ctx.timerService().registerProcessingTimeTimer(now + roundTimeout.toMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScalingCommand> out)
            throws Exception {
        long cutoff = timestamp;
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            progress.observe(ctx.timerService().currentWatermark(), timestamp);
            if (!progress.heldBack(timestamp)) {
                // Event time moves: the rounds wait for it (their decisions may still be on their
                // way), and are looked at again once it may not.
                if (!firstArrival.isEmpty()) {
                    ctx.timerService().registerProcessingTimeTimer(progress.heldBackFrom());
                }
                return;
            }
            // Every round that has waited the timeout goes, with any earlier one.
            cutoff = Long.MIN_VALUE;
            for (Map.Entry<Long, Long> r : firstArrival.entries()) {
                if (r.getValue() + roundTimeout.toMillis() <= timestamp) {
                    cutoff = Math.max(cutoff, r.getKey());
                }
            }
        }
        List<Decision> due = new ArrayList<>();
        List<Decision> later = new ArrayList<>();
        for (Decision e : pending.get()) {
            (e.decidedAt().toEpochMilli() - 1 <= cutoff ? due : later).add(e);
        }
        if (due.isEmpty()) {
            return;
        }
        for (Decision e : due) {
            firstArrival.remove(e.decidedAt().toEpochMilli() - 1);
        }
        // Several windows can come due at once (a watermark jump): each is its own round. Within a
        // round, decisions go in by service and region, not by when they happened to arrive: the
        // commands are the same at any parallelism, and the same as the direct engine's.
        due = inRoundOrder(due);
        KeyedPlatformStore store = store();
        int i = 0;
        while (i < due.size()) {
            Instant at = due.get(i).decidedAt();
            List<Decision> round = new ArrayList<>();
            while (i < due.size() && due.get(i).decidedAt().equals(at)) {
                round.add(due.get(i++));
            }
            emit(coordinator.coordinate(store, round, at), ctx, out);
        }
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
    }

    private void emit(List<Decision> ordered, OnTimerContext ctx, Collector<ScalingCommand> out) {
        for (Decision e : ordered) {
            if (e.issuesCommand()) {
                out.collect(ScalingCommand.of(e));
                if (e.reason() == Reason.DEPENDENCY_HEADROOM) {
                    dependencyScaleUps.inc();
                }
            } else if (HELD.contains(e.reason())) {
                suppressed.inc();
            } else if (e.reason() == Reason.METRICS_SILENT) {
                silences.inc();
            }
            ctx.output(EVENTS, e);
        }
    }

    /** By window, then by service/region key (each key built once, not per comparison). */
    private static List<Decision> inRoundOrder(List<Decision> decisions) {
        record Keyed(Instant at, String key, Decision decision) {}
        List<Keyed> keyed = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            keyed.add(new Keyed(d.decidedAt(), d.serviceRegionKey(), d));
        }
        keyed.sort(Comparator.comparing(Keyed::at).thenComparing(Keyed::key));
        List<Decision> out = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            out.add(k.decision());
        }
        return out;
    }

    /**
     * The platform's store; a platform restored from a savepoint of a version that kept it as one
     * value is moved into the store first, once.
     */
    private KeyedPlatformStore store() throws Exception {
        PlatformState old = legacy.value();
        if (old != null) {
            PlatformStore.load(platform, old);
            legacy.clear();
        }
        return platform;
    }
}
