package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalerInput;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicyResolver;
import io.waddle.autoscaler.core.policy.PolicySettings;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.core.scaling.CacheScaler;
import io.waddle.autoscaler.core.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.core.scaling.ComputeEvaluator;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler.PoolState;
import io.waddle.autoscaler.core.scaling.KindEvaluator;
import io.waddle.autoscaler.core.scaling.LoadTrend;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.ScalerState;
import io.waddle.autoscaler.core.scaling.WebRtcRelayScaler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed decision operator, with the policies as broadcast state. For each window of a service
 * in a region it resolves the policy in force (the most specific match, or the job's own options),
 * evaluates it with the scaler of its kind (compute, WebRTC relays, database pool, cache), and
 * emits the decision as an event naming the policy.
 *
 * <p>A window is decided once event time passes it, not when it arrives: by then the CEP patterns
 * on the same windows have reported their matches for it (a CEP operator emits its matches before
 * it forwards the watermark), so a spike turns that window's decision into an emergency scale-up
 * and a sustained-low run annotates it. A match for a window already decided comes too late; it is
 * counted ({@code patternMatchesLate}) and dropped. Policy records update the broadcast state on
 * every parallel instance alike: valid and newer ones replace the policy, tombstones delete it,
 * anything else is reported on {@link #POLICY_EVENTS} and changes nothing.
 */
public final class PolicyScalingFunction
        extends KeyedBroadcastProcessFunction<String, ScalerInput, PolicyRecord, ScalingEvent> {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, ScalingPolicy> POLICIES =
            new MapStateDescriptor<>(
                    "policies", Types.STRING, TypeInformation.of(ScalingPolicy.class));

    public static final OutputTag<PolicyEvent> POLICY_EVENTS = new OutputTag<>("policy-events") {};
    static final ValueStateDescriptor<ScalerState> SCALER =
            new ValueStateDescriptor<>("scaler", ScalerState.class);

    private final ComputeScalerConfig builtin;
    private final PatternSettings patterns;
    private final int trendWindows;
    private final Duration idleRetention;
    private final Duration decisionTimeout;
    private final PolicyParser parser = new PolicyParser();

    private transient Map<EvaluatorKey, ComputeEvaluator> evaluators;
    private transient KindEvaluator kinds;

    private record EvaluatorKey(ComputeScalerConfig config, PatternSettings patterns) {}

    private transient ValueState<ScalerState> scalerState;
    private transient ValueState<LoadTrend> trendState;
    private transient ValueState<PoolState> poolState;
    private transient ValueState<CacheState> cacheState;
    private transient ValueState<Long> cleanupTimer;
    private transient ValueState<OscillationRule.State> dampingState;
    private transient MapState<Long, WindowedMetrics> pendingWindows;
    private transient MapState<Long, Long> pendingSince;
    private transient MapState<Long, PatternMatch> spikes;
    private transient MapState<Long, PatternMatch> lows;
    private transient Counter policiesRejected;
    private transient Counter lateMatches;
    private transient Counter decidedByTimeout;

    /**
     * @param builtin the settings when no policy matches (the job's AutoscalerOptions)
     * @param patterns the job's pattern settings (a policy may override the spike's)
     * @param decisionTimeout wall-clock time after a window arrived by which it is decided even if
     *     event time has not passed it (an idle input can hold event time back)
     */
    public PolicyScalingFunction(
            ComputeScalerConfig builtin,
            PatternSettings patterns,
            int trendWindows,
            Duration idleRetention,
            Duration decisionTimeout) {
        this.builtin = builtin;
        this.patterns = patterns;
        this.decisionTimeout = decisionTimeout;
        this.trendWindows = trendWindows;
        this.idleRetention = idleRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        evaluators = new HashMap<>();
        kinds = new KindEvaluator(patterns.oscillation());
        scalerState = getRuntimeContext().getState(SCALER);
        trendState =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("load-trend", LoadTrend.class));
        poolState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("pool", PoolState.class));
        cacheState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cache", CacheState.class));
        cleanupTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
        dampingState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("damping", OscillationRule.State.class));
        pendingWindows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-windows",
                                        Types.LONG,
                                        TypeInformation.of(WindowedMetrics.class)));
        pendingSince =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("pending-since", Types.LONG, Types.LONG));
        spikes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "spikes",
                                        Types.LONG,
                                        TypeInformation.of(PatternMatch.class)));
        lows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "sustained-lows",
                                        Types.LONG,
                                        TypeInformation.of(PatternMatch.class)));
        policiesRejected = getRuntimeContext().getMetricGroup().counter("policiesRejected");
        lateMatches = getRuntimeContext().getMetricGroup().counter("patternMatchesLate");
        decidedByTimeout = getRuntimeContext().getMetricGroup().counter("windowsDecidedByTimeout");
    }

    @Override
    public void processElement(ScalerInput input, ReadOnlyContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (input.window() != null) {
            WindowedMetrics w = input.window();
            long end = w.windowEnd().toEpochMilli();
            pendingWindows.put(end, w);
            ctx.timerService().registerEventTimeTimer(end - 1);
            long now = ctx.timerService().currentProcessingTime();
            pendingSince.put(end, now);
            ctx.timerService().registerProcessingTimeTimer(now + decisionTimeout.toMillis());
            long cleanupAt = w.windowEnd().plus(idleRetention).toEpochMilli();
            Long previous = cleanupTimer.value();
            if (previous == null || previous < cleanupAt) {
                if (previous != null) {
                    ctx.timerService().deleteEventTimeTimer(previous);
                }
                ctx.timerService().registerEventTimeTimer(cleanupAt);
                cleanupTimer.update(cleanupAt);
            }
            return;
        }
        PatternMatch m = input.match();
        long at = m.at().toEpochMilli();
        if (at - 1 <= watermark && !pendingWindows.contains(at)) {
            lateMatches.inc();
            return;
        }
        switch (m.type()) {
            case SPIKE -> spikes.put(at, PatternMatch.steeper(spikes.get(at), m));
            case SUSTAINED_LOW -> lows.put(at, m);
            case OSCILLATION -> {
                // Oscillation matches go to the alerts; the scalers apply the rule themselves.
            }
        }
    }

    /** Decides every pending window that event time has passed, oldest first. */
    private void decideDue(long watermark, ReadOnlyContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        decideUpTo(watermark + 1, ctx, out);
        // Matches whose window never came (or was decided already) are no use any more.
        for (MapState<Long, PatternMatch> matches : List.of(spikes, lows)) {
            List<Long> stale = new ArrayList<>();
            for (Long at : matches.keys()) {
                if (at - 1 <= watermark) {
                    stale.add(at);
                }
            }
            for (Long at : stale) {
                matches.remove(at);
                lateMatches.inc();
            }
        }
    }

    /**
     * Decides, oldest first, every pending window that has waited the decision timeout on the wall
     * clock, and every one before it: event time that an idle input holds back must not hold the
     * decisions back.
     */
    private void decideOverdue(long now, ReadOnlyContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        long upTo = Long.MIN_VALUE;
        for (Map.Entry<Long, Long> e : pendingSince.entries()) {
            if (e.getValue() + decisionTimeout.toMillis() <= now) {
                upTo = Math.max(upTo, e.getKey());
            }
        }
        if (upTo > Long.MIN_VALUE) {
            decidedByTimeout.inc();
            decideUpTo(upTo, ctx, out);
        }
    }

    /** Decides every pending window ending at or before {@code lastEnd}, oldest first. */
    private void decideUpTo(long lastEnd, ReadOnlyContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long end : pendingWindows.keys()) {
            if (end <= lastEnd) {
                due.add(end);
            }
        }
        due.sort(null);
        for (Long end : due) {
            WindowedMetrics window = pendingWindows.get(end);
            pendingWindows.remove(end);
            pendingSince.remove(end);
            ComputeEvaluator.Matches matches =
                    new ComputeEvaluator.Matches(spikes.get(end), lows.get(end));
            spikes.remove(end);
            lows.remove(end);
            decide(window, matches, ctx, out);
        }
    }

    private void decide(
            WindowedMetrics window,
            ComputeEvaluator.Matches matches,
            ReadOnlyContext ctx,
            Collector<ScalingEvent> out)
            throws Exception {
        ScalingPolicy policy =
                PolicyResolver.resolve(
                                policies(ctx.getBroadcastState(POLICIES)),
                                window.service(),
                                window.region())
                        .orElse(null);
        PolicyRef ref =
                policy == null
                        ? PolicyRef.BUILTIN
                        : new PolicyRef(
                                policy.policyId(), policy.version(), policy.mode().wireName());
        switch (window.kind()) {
            case COMPUTE -> out.collect(evaluateCompute(window, matches, policy, ref));
            case WEBRTC -> out.collect(evaluateWebRtc(window, policy, ref));
            case DATABASE -> out.collect(evaluateDatabase(window, policy, ref));
            case CACHE -> out.collect(evaluateCache(window, policy, ref));
        }
    }

    private ScalingEvent evaluateCompute(
            WindowedMetrics window,
            ComputeEvaluator.Matches matches,
            ScalingPolicy policy,
            PolicyRef ref)
            throws Exception {
        ComputeScalerConfig config =
                policy == null ? builtin : PolicySettings.compute(policy, window.windowEnd());
        PatternSettings settings =
                policy == null ? patterns : PolicySettings.patterns(policy, patterns);
        ComputeEvaluator.Evaluation e =
                evaluators
                        .computeIfAbsent(
                                new EvaluatorKey(config, settings),
                                k -> new ComputeEvaluator(k.config(), trendWindows, k.patterns()))
                        .evaluate(
                                scalerState.value(),
                                trendState.value(),
                                dampingState.value(),
                                window,
                                matches,
                                ref);
        scalerState.update(e.scalerState());
        trendState.update(e.trend());
        dampingState.update(e.oscillation());
        return e.event();
    }

    private ScalingEvent evaluateWebRtc(WindowedMetrics window, ScalingPolicy policy, PolicyRef ref)
            throws Exception {
        KindEvaluator.Evaluation<ScalerState> e =
                kinds.relays(
                        scalerState.value(),
                        dampingState.value(),
                        window,
                        policy == null
                                ? WebRtcRelayScaler.Config.defaults()
                                : PolicySettings.webrtc(policy),
                        ref);
        scalerState.update(e.state());
        dampingState.update(e.damping());
        return e.event();
    }

    private ScalingEvent evaluateDatabase(
            WindowedMetrics window, ScalingPolicy policy, PolicyRef ref) throws Exception {
        KindEvaluator.Evaluation<PoolState> e =
                kinds.pool(
                        poolState.value(),
                        dampingState.value(),
                        window,
                        policy == null
                                ? DatabasePoolScaler.Config.defaults()
                                : PolicySettings.database(policy),
                        ref);
        poolState.update(e.state());
        dampingState.update(e.damping());
        return e.event();
    }

    private ScalingEvent evaluateCache(WindowedMetrics window, ScalingPolicy policy, PolicyRef ref)
            throws Exception {
        KindEvaluator.Evaluation<CacheState> e =
                kinds.cache(
                        cacheState.value(),
                        dampingState.value(),
                        window,
                        policy == null
                                ? CacheScaler.Config.defaults()
                                : PolicySettings.cache(policy),
                        ref);
        cacheState.update(e.state());
        dampingState.update(e.damping());
        return e.event();
    }

    @Override
    public void processBroadcastElement(
            PolicyRecord record, Context ctx, Collector<ScalingEvent> out) throws Exception {
        BroadcastState<String, ScalingPolicy> state = ctx.getBroadcastState(POLICIES);
        PolicyBook.Outcome outcome = PolicyBook.apply(state, record, parser);
        if (outcome.rejected()) {
            policiesRejected.inc();
        }
        report(ctx, outcome.event());
        if (!outcome.changed() || record.isTombstone()) {
            return;
        }
        clampScalerStates(ctx, policies(state));
    }

    /**
     * Every service the new policies govern forgets recommendations outside its new bounds at once,
     * so that a lower max takes effect at the next evaluation, not after a stabilization window.
     */
    private void clampScalerStates(Context ctx, List<ScalingPolicy> all) throws Exception {
        ctx.applyToKeyedState(
                SCALER,
                (key, state) -> {
                    ScalerState s = state.value();
                    int slash = key.indexOf('/');
                    if (s == null || slash < 0) {
                        return;
                    }
                    ScalingPolicy p =
                            PolicyResolver.resolve(
                                            all, key.substring(0, slash), key.substring(slash + 1))
                                    .orElse(null);
                    if (p != null) {
                        state.update(
                                s.clampRecommendations(
                                        p.compute().minInstances(), p.compute().maxInstances()));
                    }
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScalingEvent> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            decideOverdue(timestamp, ctx, out);
            return;
        }
        decideDue(timestamp, ctx, out);
        Long due = cleanupTimer.value();
        if (due != null && due == timestamp) {
            scalerState.clear();
            trendState.clear();
            poolState.clear();
            cacheState.clear();
            dampingState.clear();
            cleanupTimer.clear();
        }
    }

    /** Every parallel instance sees every policy record: only the first reports it. */
    private void report(Context ctx, PolicyEvent event) {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(POLICY_EVENTS, event);
        }
    }

    private static List<ScalingPolicy> policies(ReadOnlyBroadcastState<String, ScalingPolicy> state)
            throws Exception {
        return PolicyBook.policies(state);
    }
}
