package io.waddle.autoscaler.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

    public static ScalingEvent of(ScalingDecision d, ObservedWindow observed, PolicyRef policy) {
        String commandId =
                d.isScale()
                        ? ScalingCommand.commandId(
                                d.subject().service(),
                                d.subject().region(),
                                d.from(),
                                d.to(),
                                d.decidedAt())
                        : null;
        return new ScalingEvent(
                SCHEMA_VERSION,
                eventId(
                        d.subject().service(),
                        d.subject().region(),
                        d.decidedAt(),
                        d.outcome().name()),
                d.subject().service(),
                d.subject().region(),
                d.subject().kind().wireName(),
                d.outcome().name(),
                d.action().wireName(),
                d.from(),
                d.to(),
                d.recommended(),
                d.reason().name(),
                d.detail(),
                d.limits().stream().map(Limit::name).toList(),
                d.decidedAt(),
                commandId,
                policy.id(),
                policy.version(),
                policy.mode(),
                observed);
    }

    /** Whether this decision issued a command (its outcome is SCALE). */
    public boolean issuesCommand() {
        return Outcome.SCALE.name().equals(outcome);
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }

    /** This decision held back by a later stage: no command, the capacity stays at {@code from}. */
    public ScalingEvent suppressedBy(Reason why, String whyDetail) {
        return new ScalingEvent(
                SCHEMA_VERSION,
                eventId(service, region, decidedAt, Outcome.SUPPRESSED.name()),
                service,
                region,
                kind,
                Outcome.SUPPRESSED.name(),
                ScalingAction.NONE.wireName(),
                from,
                from,
                to,
                why.name(),
                whyDetail
                        + "; wanted "
                        + action
                        + " "
                        + from
                        + "->"
                        + to
                        + " "
                        + reason
                        + " ("
                        + detail
                        + ")",
                List.of(),
                decidedAt,
                null,
                policyId,
                policyVersion,
                policyMode,
                observed);
    }

    /** The same event with {@code more} added to its detail, e.g. what it waited for. */
    public ScalingEvent withDetailSuffix(String more) {
        return with(action, detail + "; " + more);
    }

    /** The same SCALE decision, logged and commanded as a move between regions. */
    public ScalingEvent asRebalance() {
        if (!issuesCommand()) {
            throw new IllegalArgumentException("only SCALE decisions rebalance: " + this);
        }
        return with(ScalingAction.REBALANCE.wireName(), detail);
    }

    private ScalingEvent with(String newAction, String newDetail) {
        return new ScalingEvent(
                schemaVersion,
                eventId,
                service,
                region,
                kind,
                outcome,
                newAction,
                from,
                to,
                recommended,
                reason,
                newDetail,
                limits,
                decidedAt,
                commandId,
                policyId,
                policyVersion,
                policyMode,
                observed);
    }

    /** The policy this decision was made under. */
    public PolicyRef policy() {
        return new PolicyRef(policyId, policyVersion, policyMode);
    }

    static String eventId(String service, String region, Instant at, String outcome) {
        return UUID.nameUUIDFromBytes(
                        ("event|"
                                        + service
                                        + "|"
                                        + region
                                        + "|"
                                        + at.toEpochMilli()
                                        + "|"
                                        + outcome)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
