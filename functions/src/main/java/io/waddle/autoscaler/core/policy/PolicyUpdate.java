package io.waddle.autoscaler.core.policy;

import java.io.Serializable;

/**
 * A change to the policies in force, parsed and checked once upstream and broadcast to every
 * operator that reads the policies.
 *
 * @param policy the policy now in force under {@code policyId}, or null: it was deleted
 */
public record PolicyUpdate(String policyId, ScalingPolicy policy) implements Serializable {

    public boolean isDeletion() {
        return policy == null;
    }
}
