package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.policy.PolicyBook;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The policy topic, read once: keyed by policy id, each record is parsed and checked by {@link
 * PolicyBook} against the version in force, its verdict goes to {@link #POLICY_EVENTS} once, and a
 * change goes on, to be broadcast to the operators that read the policies ({@link #POLICIES}).
 */
public final class PolicyBookFunction
        extends KeyedProcessFunction<String, PolicyRecord, PolicyUpdate> {
    private static final long serialVersionUID = 1L;

    /** The policies in force, as broadcast state, by policy id. */
    public static final MapStateDescriptor<String, ScalingPolicy> POLICIES =
            new MapStateDescriptor<>(
                    "policies", Types.STRING, TypeInformation.of(ScalingPolicy.class));

    public static final OutputTag<PolicyEvent> POLICY_EVENTS = new OutputTag<>("policy-events") {};

    private final int maxInstances;

    private transient PolicyBook book;

    /** Without a hard limit of the deployment's own (the policy schema's). */
    public PolicyBookFunction() {
        this(Integer.MAX_VALUE);
    }

    /**
     * @param maxInstances the deployment's hard limit a policy may not scale past
     */
    public PolicyBookFunction(int maxInstances) {
        this.maxInstances = maxInstances;
    }

    private transient ValueState<Long> version;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        book = new PolicyBook(new PolicyParser(maxInstances));
        version =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("policy-version", Types.LONG));
        rejected = getRuntimeContext().getMetricGroup().counter("policiesRejected");
    }

    @Override
    public void processElement(PolicyRecord record, Context ctx, Collector<PolicyUpdate> out)
            throws Exception {
        PolicyBook.Outcome o = book.apply(version.value(), record);
        if (o.rejected()) {
            rejected.inc();
        }
        if (o.versionInForce() == null) {
            version.clear();
        } else {
            version.update(o.versionInForce());
        }
        ctx.output(POLICY_EVENTS, o.event());
        if (o.update() != null) {
            out.collect(o.update());
        }
    }

    /** The policies in force, from the broadcast state of an operator that reads them. */
    static List<ScalingPolicy> policies(ReadOnlyBroadcastState<String, ScalingPolicy> state)
            throws Exception {
        List<ScalingPolicy> out = new ArrayList<>();
        for (Map.Entry<String, ScalingPolicy> e : state.immutableEntries()) {
            out.add(e.getValue());
        }
        return out;
    }

    /** Applies a broadcast update to an operator's copy of the policies. */
    static void apply(
            org.apache.flink.api.common.state.BroadcastState<String, ScalingPolicy> state,
            PolicyUpdate u)
            throws Exception {
        if (u.isDeletion()) {
            state.remove(u.policyId());
        } else {
            state.put(u.policyId(), u.policy());
        }
    }
}
