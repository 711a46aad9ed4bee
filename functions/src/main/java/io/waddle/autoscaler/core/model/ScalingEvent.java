package io.waddle.autoscaler.core.model;

import java.time.Instant;
import java.util.List;

/**
 * Every decision, executed or not, with its reason: the audit log written to the events topic.
 *
 * @param outcome SCALE, NO_CHANGE or SUPPRESSED
 * @param action scale_up, scale_down, rebalance or none
 * @param recommended what the metrics alone asked for
 * @param commandId the id of the command this decision issued, or null if it issued none
 * @param policyId, policyVersion, policyMode the policy the decision was made under ("builtin" when
 *     no policy matched and the job's options applied)
 */
public record ScalingEvent(
        int schemaVersion,
        String eventId,
        String service,
        String region,
        String kind,
        String outcome,
        String action,
        int from,
        int to,
        int recommended,
        String reason,
        String detail,
        List<String> limits,
        Instant decidedAt,
        String commandId,
        String policyId,
        long policyVersion,
        String policyMode,
        ObservedWindow observed) {

    public static final int SCHEMA_VERSION = 1;

    public ScalingEvent {
        limits = List.copyOf(limits);
    }

    /** The record of {@code d} as the events topic carries it. */
    public static ScalingEvent of(Decision d) {
        return new ScalingEvent(
                SCHEMA_VERSION,
                d.eventId(),
                d.service(),
                d.region(),
                d.kind().wireName(),
                d.outcome().name(),
                d.action().wireName(),
                d.from(),
                d.to(),
                d.recommended(),
                d.reason().name(),
                d.detail(),
                d.limits().stream().map(Limit::name).toList(),
                d.decidedAt(),
                d.commandId(),
                d.policy().id(),
                d.policy().version(),
                d.policy().mode().wireName(),
                d.observed());
    }

    /** Whether this decision issued a command (a SCALE decision carries its command's id). */
    public boolean issuesCommand() {
        return commandId != null;
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
