package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.policy.ScalingPolicy;

/** Parsed policy updates, for the tests of the operators that read the policies. */
public final class PolicyUpdates {
    private PolicyUpdates() {}

    /** The update the policy book broadcasts for a valid policy document. */
    public static PolicyUpdate of(String json) {
        try {
            ScalingPolicy p = new PolicyParser().parse(json);
            return new PolicyUpdate(p.policyId(), p);
        } catch (InvalidPolicyException e) {
            throw new IllegalArgumentException("not a valid policy: " + e.getMessage(), e);
        }
    }

    /** The deletion of a policy. */
    public static PolicyUpdate deletion(String policyId) {
        return new PolicyUpdate(policyId, null);
    }
}
