package io.waddle.autoscaler.core.policy;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;

/**
 * What one record of the policy topic does to the policy of its key, decided once, upstream of
 * every operator that reads the policies:
 *
 * <ul>
 *   <li>a tombstone deletes the policy (DELETED);
 *   <li>a valid policy whose id is the record's key and whose version is newer than the one in
 *       force replaces it (ACCEPTED);
 *   <li>a valid policy no newer than the one in force changes nothing (STALE);
 *   <li>anything else is refused, naming the field (REJECTED), and changes nothing.
 * </ul>
 */
public final class PolicyBook {
    private final PolicyParser parser;

    public PolicyBook() {
        this(new PolicyParser());
    }

    /** With the deployment's parser (its hard limits). */
    public PolicyBook(PolicyParser parser) {
        this.parser = parser;
    }

    /**
     * @param event what became of the record, for the policy-events topic
     * @param update the change to broadcast, or null when nothing changed
     * @param versionInForce the version in force under the key after the record, or null if none
     * @param rejected whether the record was not a usable policy
     */
    public record Outcome(
            PolicyEvent event, PolicyUpdate update, Long versionInForce, boolean rejected) {}

    /**
     * @param inForce the version in force under the record's key, or null if none
     */
    public Outcome apply(Long inForce, PolicyRecord record) {
        if (record.isTombstone()) {
            return new Outcome(
                    PolicyEvent.deleted(record, inForce),
                    new PolicyUpdate(record.key(), null),
                    null,
                    false);
        }
        ScalingPolicy policy;
        try {
            policy = parser.parse(record.json());
        } catch (InvalidPolicyException e) {
            return rejected(
                    PolicyEvent.rejected(record, null, e.field(), e.reason(), inForce), inForce);
        }
        if (!policy.policyId().equals(record.key())) {
            String why =
                    "'"
                            + policy.policyId()
                            + "' differs from the record key '"
                            + record.key()
                            + "'";
            return rejected(
                    PolicyEvent.rejected(record, policy.version(), "policy_id", why, inForce),
                    inForce);
        }
        if (inForce != null && policy.version() <= inForce) {
            return new Outcome(
                    PolicyEvent.stale(record, policy.version(), inForce), null, inForce, false);
        }
        return new Outcome(
                PolicyEvent.accepted(record, policy.version(), inForce),
                new PolicyUpdate(policy.policyId(), policy),
                policy.version(),
                false);
    }

    private static Outcome rejected(PolicyEvent event, Long inForce) {
        return new Outcome(event, null, inForce, true);
    }
}
