package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The policies as broadcast state, the same in every operator that reads them: a valid and newer
 * policy replaces the one in force, a tombstone deletes it, anything else changes nothing.
 */
final class PolicyBook {
    private PolicyBook() {}

    /**
     * What one policy record did.
     *
     * @param changed whether the policies in force changed
     * @param rejected whether the record was not a usable policy
     */
    record Outcome(PolicyEvent event, boolean changed, boolean rejected) {}

    static Outcome apply(
            BroadcastState<String, ScalingPolicy> state, PolicyRecord record, PolicyParser parser)
            throws Exception {
        ScalingPolicy inForce = state.get(record.key());
        Long inForceVersion = inForce == null ? null : inForce.version();
        if (record.isTombstone()) {
            state.remove(record.key());
            return new Outcome(PolicyEvent.deleted(record, inForceVersion), true, false);
        }
        ScalingPolicy policy;
        try {
            policy = parser.parse(record.json());
        } catch (InvalidPolicyException e) {
            return new Outcome(
                    PolicyEvent.rejected(record, null, e.field(), e.reason(), inForceVersion),
                    false,
                    true);
        }
        if (!policy.policyId().equals(record.key())) {
            return new Outcome(
                    PolicyEvent.rejected(
                            record,
                            policy.version(),
                            "policy_id",
                            "'"
                                    + policy.policyId()
                                    + "' differs from the record key '"
                                    + record.key()
                                    + "'",
                            inForceVersion),
                    false,
                    true);
        }
        if (inForce != null && policy.version() <= inForce.version()) {
            return new Outcome(
                    PolicyEvent.stale(record, policy.version(), inForce.version()), false, false);
        }
        state.put(policy.policyId(), policy);
        return new Outcome(
                PolicyEvent.accepted(record, policy.version(), inForceVersion), true, false);
    }

    static List<ScalingPolicy> policies(ReadOnlyBroadcastState<String, ScalingPolicy> state)
            throws Exception {
        List<ScalingPolicy> out = new ArrayList<>();
        for (Map.Entry<String, ScalingPolicy> e : state.immutableEntries()) {
            out.add(e.getValue());
        }
        return out;
    }
}
