package io.waddle.autoscaler.core.model;

import java.time.Instant;

/**
 * What became of a record of the policy topic, written to the policy-events topic.
 *
 * @param outcome ACCEPTED (now in force), DELETED (tombstone), REJECTED (invalid: field and reason
 *     say why; the last good version stays in force) or STALE (not newer than the version in force)
 * @param version the record's policy version, or null if it could not be read
 * @param field the JSON path of the offending field, or null
 */
public record PolicyEvent(
        int schemaVersion,
        String policyId,
        Long version,
        String outcome,
        String field,
        String reason,
        Long versionInForce,
        String origin,
        Instant publishedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The verdict, typed; an outcome this version does not know is an error. */
    public PolicyVerdict verdict() {
        return PolicyVerdict.valueOf(outcome);
    }

    public static PolicyEvent accepted(PolicyRecord r, long version, Long previous) {
        return new PolicyEvent(
                SCHEMA_VERSION,
                r.key(),
                version,
                PolicyVerdict.ACCEPTED.name(),
                null,
                null,
                previous,
                r.origin(),
                r.publishedAt());
    }

    public static PolicyEvent deleted(PolicyRecord r, Long previous) {
        return new PolicyEvent(
                SCHEMA_VERSION,
                r.key(),
                null,
                PolicyVerdict.DELETED.name(),
                null,
                null,
                previous,
                r.origin(),
                r.publishedAt());
    }

    public static PolicyEvent rejected(
            PolicyRecord r, Long version, String field, String reason, Long inForce) {
        return new PolicyEvent(
                SCHEMA_VERSION,
                r.key(),
                version,
                PolicyVerdict.REJECTED.name(),
                field,
                reason,
                inForce,
                r.origin(),
                r.publishedAt());
    }

    public static PolicyEvent stale(PolicyRecord r, long version, long inForce) {
        return new PolicyEvent(
                SCHEMA_VERSION,
                r.key(),
                version,
                PolicyVerdict.STALE.name(),
                "version",
                "version " + version + " is not newer than version " + inForce + " in force",
                inForce,
                r.origin(),
                r.publishedAt());
    }
}
