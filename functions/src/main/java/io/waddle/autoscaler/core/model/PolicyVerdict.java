package io.waddle.autoscaler.core.model;

/** What became of a record of the policy topic. */
public enum PolicyVerdict {
    /** Valid and newer than the version in force: now in force. */
    ACCEPTED,
    /** A tombstone: the policy is no longer in force. */
    DELETED,
    /** Not a usable policy (the event names the field and why); the version in force stays. */
    REJECTED,
    /** Valid but not newer than the version in force, which stays. */
    STALE;

    /** Whether the record took effect. */
    public boolean tookEffect() {
        return this == ACCEPTED || this == DELETED;
    }
}
