package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import org.apache.flink.configuration.Configuration;

/** Parsed policy updates and the job's default settings, for the tests of policy readers. */
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

    /** The settings of the job's default options. */
    public static ServiceSettings defaults() {
        return AutoscalerOptions.serviceSettings(new Configuration());
    }
}
