package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.model.PolicyEvent;
import io.waddle.autoscaler.model.PolicyRecord;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.WindowedMetrics;
import io.waddle.autoscaler.policy.InvalidPolicyException;
import io.waddle.autoscaler.policy.PolicyParser;
import io.waddle.autoscaler.policy.PolicyResolver;
import io.waddle.autoscaler.policy.PolicySettings;
import io.waddle.autoscaler.policy.ScalingPolicy;
import io.waddle.autoscaler.scaling.CacheScaler;
import io.waddle.autoscaler.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.scaling.ComputeEvaluator;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.scaling.DatabasePoolScaler.PoolState;
import io.waddle.autoscaler.scaling.KindEvaluator;
import io.waddle.autoscaler.scaling.LoadTrend;
import io.waddle.autoscaler.scaling.ScalerState;
import io.waddle.autoscaler.scaling.WebRtcRelayScaler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed decision operator, with the policies as broadcast state. For each window of a service
 * in a region it resolves the policy in force (the most specific match, or the job's own options),
 * evaluates it with the scaler of its kind (compute, WebRTC relays, database pool, cache), and
 * emits the decision as an event naming the policy. Policy records update the broadcast state on
 * every parallel instance alike: valid and newer ones replace the policy, tombstones delete it,
 * anything else is reported on {@link #POLICY_EVENTS} and changes nothing.
 */
public final class PolicyScalingFunction
        extends KeyedBroadcastProcessFunction<String, WindowedMetrics, PolicyRecord, ScalingEvent> {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, ScalingPolicy> POLICIES =
            new MapStateDescriptor<>(
                    "policies", Types.STRING, TypeInformation.of(ScalingPolicy.class));

    public static final OutputTag<PolicyEvent> POLICY_EVENTS = new OutputTag<>("policy-events") {};
    static final ValueStateDescriptor<ScalerState> SCALER =
            new ValueStateDescriptor<>("scaler", ScalerState.class);

    private final ComputeScalerConfig builtin;
    private final int trendWindows;
    private final Duration idleRetention;
    private final PolicyParser parser = new PolicyParser();

    private transient Map<ComputeScalerConfig, ComputeEvaluator> evaluators;
    private transient ValueState<ScalerState> scalerState;
    private transient ValueState<LoadTrend> trendState;
    private transient ValueState<PoolState> poolState;
    private transient ValueState<CacheState> cacheState;
    private transient ValueState<Long> cleanupTimer;
    private transient Counter policiesRejected;

    /**
     * @param builtin the settings when no policy matches (the job's AutoscalerOptions)
     */
    public PolicyScalingFunction(
            ComputeScalerConfig builtin, int trendWindows, Duration idleRetention) {
        this.builtin = builtin;
        this.trendWindows = trendWindows;
        this.idleRetention = idleRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        evaluators = new HashMap<>();
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
        policiesRejected = getRuntimeContext().getMetricGroup().counter("policiesRejected");
    }

    @Override
    public void processElement(
            WindowedMetrics window, ReadOnlyContext ctx, Collector<ScalingEvent> out)
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
            case COMPUTE -> out.collect(evaluateCompute(window, policy, ref));
            case WEBRTC -> out.collect(evaluateWebRtc(window, policy, ref));
            case DATABASE -> out.collect(evaluateDatabase(window, policy, ref));
            case CACHE -> out.collect(evaluateCache(window, policy, ref));
        }
        long cleanupAt = window.windowEnd().plus(idleRetention).toEpochMilli();
        Long previous = cleanupTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(cleanupAt);
        cleanupTimer.update(cleanupAt);
    }

    private ScalingEvent evaluateCompute(
            WindowedMetrics window, ScalingPolicy policy, PolicyRef ref) throws Exception {
        ComputeScalerConfig config =
                policy == null ? builtin : PolicySettings.compute(policy, window.windowEnd());
        ComputeEvaluator.Evaluation e =
                evaluators
                        .computeIfAbsent(config, c -> new ComputeEvaluator(c, trendWindows))
                        .evaluate(scalerState.value(), trendState.value(), window, ref);
        scalerState.update(e.scalerState());
        trendState.update(e.trend());
        return e.event();
    }

    private ScalingEvent evaluateWebRtc(WindowedMetrics window, ScalingPolicy policy, PolicyRef ref)
            throws Exception {
        KindEvaluator.Evaluation<ScalerState> e =
                KindEvaluator.relays(
                        scalerState.value(),
                        window,
                        policy == null
                                ? WebRtcRelayScaler.Config.defaults()
                                : PolicySettings.webrtc(policy),
                        ref);
        scalerState.update(e.state());
        return e.event();
    }

    private ScalingEvent evaluateDatabase(
            WindowedMetrics window, ScalingPolicy policy, PolicyRef ref) throws Exception {
        KindEvaluator.Evaluation<PoolState> e =
                KindEvaluator.pool(
                        poolState.value(),
                        window,
                        policy == null
                                ? DatabasePoolScaler.Config.defaults()
                                : PolicySettings.database(policy),
                        ref);
        poolState.update(e.state());
        return e.event();
    }

    private ScalingEvent evaluateCache(WindowedMetrics window, ScalingPolicy policy, PolicyRef ref)
            throws Exception {
        KindEvaluator.Evaluation<CacheState> e =
                KindEvaluator.cache(
                        cacheState.value(),
                        window,
                        policy == null
                                ? CacheScaler.Config.defaults()
                                : PolicySettings.cache(policy),
                        ref);
        cacheState.update(e.state());
        return e.event();
    }

    @Override
    public void processBroadcastElement(
            PolicyRecord record, Context ctx, Collector<ScalingEvent> out) throws Exception {
        BroadcastState<String, ScalingPolicy> state = ctx.getBroadcastState(POLICIES);
        ScalingPolicy inForce = state.get(record.key());
        Long inForceVersion = inForce == null ? null : inForce.version();
        if (record.isTombstone()) {
            state.remove(record.key());
            report(ctx, PolicyEvent.deleted(record, inForceVersion));
            return;
        }
        ScalingPolicy policy;
        try {
            policy = parser.parse(record.json());
        } catch (InvalidPolicyException e) {
            policiesRejected.inc();
            report(ctx, PolicyEvent.rejected(record, null, e.field(), e.reason(), inForceVersion));
            return;
        }
        if (!policy.policyId().equals(record.key())) {
            policiesRejected.inc();
            report(
                    ctx,
                    PolicyEvent.rejected(
                            record,
                            policy.version(),
                            "policy_id",
                            "'"
                                    + policy.policyId()
                                    + "' differs from the record key '"
                                    + record.key()
                                    + "'",
                            inForceVersion));
            return;
        }
        if (inForce != null && policy.version() <= inForce.version()) {
            report(ctx, PolicyEvent.stale(record, policy.version(), inForce.version()));
            return;
        }
        state.put(policy.policyId(), policy);
        report(ctx, PolicyEvent.accepted(record, policy.version(), inForceVersion));
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
        Long due = cleanupTimer.value();
        if (due != null && due == timestamp) {
            scalerState.clear();
            trendState.clear();
            poolState.clear();
            cacheState.clear();
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
        List<ScalingPolicy> out = new ArrayList<>();
        for (Map.Entry<String, ScalingPolicy> e : state.immutableEntries()) {
            out.add(e.getValue());
        }
        return out;
    }
}
