package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ScalerInput;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.policy.PolicyResolver;
import io.waddle.autoscaler.core.policy.PolicySettings;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.core.scaling.ServiceEvaluator;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.ServiceState;
import io.waddle.autoscaler.core.windows.EventTimeProgress;
import io.waddle.autoscaler.core.windows.PendingWindows;
import io.waddle.autoscaler.core.windows.WindowMatchJoin;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed decision operator: a thin adapter around the plain-Java decision path. Per service and
 * region it keeps what {@link WindowMatchJoin} holds (windows waiting for event time, matches
 * waiting for their window) and what {@link ServiceEvaluator} remembers; it sets the join's timers,
 * resolves the settings in force from the broadcast policies, and emits each typed decision.
 *
 * <p>A window is decided once event time passes it, with the CEP matches on it. If event time
 * stands still for the decision timeout after the window arrived ({@link EventTimeProgress}), it is
 * decided on the wall clock without waiting further; while event time moves, it waits for it, so a
 * backlog or a slower pattern operator does not make it decided without its matches. A late match
 * is counted ({@code patternMatchesLate}). A policy update that changes a service's bounds brings
 * its remembered recommendations inside them at once, so that a lower max takes effect at the next
 * evaluation, not after a stabilization window.
 */
public final class PolicyScalingFunction
        extends KeyedBroadcastProcessFunction<String, ScalerInput, PolicyUpdate, Decision> {
    private static final long serialVersionUID = 1L;

    static final ValueStateDescriptor<ServiceState> SERVICE =
            new ValueStateDescriptor<>("service", ServiceState.class);
    static final ValueStateDescriptor<PendingWindows> PENDING =
            new ValueStateDescriptor<>("pending-windows", PendingWindows.class);

    private final ServiceSettings builtin;
    private final int trendWindows;
    private final Duration idleRetention;
    private final Duration decisionTimeout;

    private transient ServiceEvaluator evaluator;
    private transient WindowMatchJoin join;
    private transient EventTimeProgress progress;
    private transient ValueState<ServiceState> service;
    private transient ValueState<PendingWindows> pending;
    private transient ValueState<Long> cleanupTimer;
    private transient Counter lateMatches;
    private transient Counter decidedByTimeout;

    /**
     * @param builtin the settings when no policy is in force (the job's options)
     * @param decisionTimeout wall-clock time after a window arrived by which it is decided even if
     *     event time has not passed it (an idle input can hold event time back)
     */
    public PolicyScalingFunction(
            ServiceSettings builtin,
            int trendWindows,
            Duration idleRetention,
            Duration decisionTimeout) {
        this.builtin = builtin;
        this.trendWindows = trendWindows;
        this.idleRetention = idleRetention;
        this.decisionTimeout = decisionTimeout;
    }

    @Override
    public void open(OpenContext openContext) {
        evaluator = new ServiceEvaluator(trendWindows);
        join = new WindowMatchJoin(decisionTimeout);
        progress = new EventTimeProgress(decisionTimeout);
        service = getRuntimeContext().getState(SERVICE);
        pending = getRuntimeContext().getState(PENDING);
        cleanupTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
        lateMatches = getRuntimeContext().getMetricGroup().counter("patternMatchesLate");
        decidedByTimeout = getRuntimeContext().getMetricGroup().counter("windowsDecidedByTimeout");
    }

    @Override
    public void processElement(ScalerInput input, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        progress.observe(
                ctx.timerService().currentWatermark(), ctx.timerService().currentProcessingTime());
        if (input.inventory() != null) {
            adopt(input.inventory(), ctx);
            return;
        }
        if (input.window() == null) {
            WindowMatchJoin.Offered o =
                    join.match(pending(), input.match(), ctx.timerService().currentWatermark());
            if (o.late()) {
                lateMatches.inc();
            } else {
                pending.update(o.next());
            }
            return;
        }
        WindowedMetrics w = input.window();
        long now = ctx.timerService().currentProcessingTime();
        pending.update(join.window(pending(), w, now));
        ctx.timerService().registerEventTimeTimer(w.windowEnd().toEpochMilli() - 1);
        ctx.timerService().registerProcessingTimeTimer(join.deadline(now));
        keepUntil(w.windowEnd().plus(idleRetention).toEpochMilli(), ctx);
    }

    /**
     * The actuator's inventory: the service's capacity from now on, whatever instance ids report.
     * It carries no event time; a service that sends no window is forgotten the idle retention
     * after event time as it stands (or, before any, after the inventory's time).
     */
    private void adopt(ActuationResult inventory, ReadOnlyContext ctx) throws Exception {
        service.update(ServiceState.withInventory(service.value(), inventory));
        long watermark = ctx.timerService().currentWatermark();
        long base = watermark > Long.MIN_VALUE ? watermark : inventory.appliedAt().toEpochMilli();
        long retention = idleRetention.toMillis();
        keepUntil(base > Long.MAX_VALUE - retention ? Long.MAX_VALUE : base + retention, ctx);
    }

    /** Moves the service's cleanup to {@code cleanupAt} if that is later. */
    private void keepUntil(long cleanupAt, ReadOnlyContext ctx) throws Exception {
        Long previous = cleanupTimer.value();
        if (previous == null || previous < cleanupAt) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous);
            }
            ctx.timerService().registerEventTimeTimer(cleanupAt);
            cleanupTimer.update(cleanupAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out)
            throws Exception {
        boolean wallClock = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        long wallNow = wallClock ? timestamp : ctx.timerService().currentProcessingTime();
        progress.observe(ctx.timerService().currentWatermark(), wallNow);
        if (wallClock && !progress.heldBack(wallNow)) {
            // Event time moves: the window waits for it, and is looked at again once it may not.
            if (!pending().windows().isEmpty()) {
                ctx.timerService().registerProcessingTimeTimer(progress.heldBackFrom());
            }
            return;
        }
        WindowMatchJoin.Released r =
                wallClock
                        ? join.byWallClock(pending(), timestamp)
                        : join.byEventTime(pending(), timestamp);
        if (wallClock && !r.due().isEmpty()) {
            decidedByTimeout.inc();
        }
        lateMatches.inc(r.lateMatches());
        if (r.next().isEmpty()) {
            pending.clear();
        } else {
            pending.update(r.next());
        }
        List<ScalingPolicy> policies =
                PolicyBookFunction.policies(ctx.getBroadcastState(PolicyBookFunction.POLICIES));
        for (WindowMatchJoin.Joined j : r.due()) {
            ServiceEvaluator.Evaluation e =
                    evaluator.evaluate(
                            service.value(), j.window(), j.matches(), settings(policies, j));
            service.update(e.next());
            out.collect(e.decision());
        }
        Long due = cleanupTimer.value();
        if (!wallClock && due != null && due == timestamp) {
            service.clear();
            cleanupTimer.clear();
        }
    }

    private ServiceSettings settings(List<ScalingPolicy> policies, WindowMatchJoin.Joined j) {
        WindowedMetrics w = j.window();
        ScalingPolicy policy =
                PolicyResolver.resolve(policies, w.service(), w.region()).orElse(null);
        return PolicySettings.resolve(policy, builtin, w.windowEnd());
    }

    @Override
    public void processBroadcastElement(PolicyUpdate u, Context ctx, Collector<Decision> out)
            throws Exception {
        PolicyBookFunction.apply(ctx.getBroadcastState(PolicyBookFunction.POLICIES), u);
        if (u.isDeletion()) {
            return;
        }
        List<ScalingPolicy> all =
                PolicyBookFunction.policies(ctx.getBroadcastState(PolicyBookFunction.POLICIES));
        ctx.applyToKeyedState(
                SERVICE,
                (key, state) -> {
                    ServiceState s = state.value();
                    int slash = key.indexOf('/');
                    if (s == null || s.scaler() == null || slash < 0) {
                        return;
                    }
                    ScalingPolicy p =
                            PolicyResolver.resolve(
                                            all, key.substring(0, slash), key.substring(slash + 1))
                                    .orElse(null);
                    if (p != null) {
                        state.update(
                                s.withScaler(
                                        s.scaler()
                                                .clampRecommendations(
                                                        p.compute().minInstances(),
                                                        p.compute().maxInstances())));
                    }
                });
    }

    private PendingWindows pending() throws Exception {
        PendingWindows p = pending.value();
        return p != null ? p : PendingWindows.EMPTY;
    }
}
