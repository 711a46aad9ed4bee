package io.waddle.autoscaler.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A decision on its way from the scaler to the sinks: the scaler's typed decision, the policy it
 * was made under and what the scaler saw. The coordinator, the alerts and the InfluxDB writer read
 * it as it is; the JSON records ({@link ScalingEvent}, {@link ScalingCommand}) are built from it
 * once, where they leave for Kafka.
 *
 * @param observed what the decided window showed, or null for a decision without one (a silent
 *     region's hold, a dependency's headroom without its own window)
 */
public record Decision(ScalingDecision decision, PolicyRef policy, ObservedWindow observed) {

    public Decision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(policy, "policy");
    }

    public Subject subject() {
        return decision.subject();
    }

    public String service() {
        return decision.subject().service();
    }

    public String region() {
        return decision.subject().region();
    }

    public ServiceKind kind() {
        return decision.subject().kind();
    }

    public Outcome outcome() {
        return decision.outcome();
    }

    public ScalingAction action() {
        return decision.action();
    }

    public int from() {
        return decision.from();
    }

    public int to() {
        return decision.to();
    }

    public int recommended() {
        return decision.recommended();
    }

    public Reason reason() {
        return decision.reason();
    }

    public String detail() {
        return decision.detail();
    }

    public List<Limit> limits() {
        return decision.limits();
    }

    public Instant decidedAt() {
        return decision.decidedAt();
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service(), region());
    }

    /** Whether this decision issues a command (its outcome is SCALE). */
    public boolean issuesCommand() {
        return decision.isScale();
    }

    /** Instances seen reporting in the decided window; 0 when there was no window. */
    public int observedInstances() {
        return observed != null ? observed.instances() : 0;
    }

    /**
     * The id of the command this decision issues, or null: deterministic, so that the same decision
     * always yields the same id and a consumer can recognise a replay.
     */
    public String commandId() {
        if (!issuesCommand()) {
            return null;
        }
        return uuid(
                "command|"
                        + service()
                        + "|"
                        + region()
                        + "|"
                        + from()
                        + "|"
                        + to()
                        + "|"
                        + decidedAt().toEpochMilli());
    }

    /** The id of the event logging this decision: one per service, window and outcome. */
    public String eventId() {
        return uuid(
                "event|"
                        + service()
                        + "|"
                        + region()
                        + "|"
                        + decidedAt().toEpochMilli()
                        + "|"
                        + outcome().name());
    }

    /** This decision held back by a later stage: no command, the capacity stays at {@code from}. */
    public Decision suppressedBy(Reason why, String whyDetail) {
        ScalingDecision held =
                ScalingDecision.suppressed(
                        subject(),
                        decidedAt(),
                        from(),
                        to(),
                        why,
                        whyDetail + "; wanted " + decision.describe(),
                        decision.observedInstances());
        return new Decision(held, policy, observed);
    }

    /** The same decision with {@code more} added to its detail, e.g. what it waited for. */
    public Decision withDetailSuffix(String more) {
        return new Decision(decision.withDetail(more), policy, observed);
    }

    /** The same SCALE decision, logged and commanded as a move between regions. */
    public Decision asRebalance() {
        return new Decision(decision.asRebalance(), policy, observed);
    }

    /**
     * This decision re-decided by a later stage: {@code from -> to} with its own reason, or held
     * back when that is no change.
     */
    public Decision rescaled(int newFrom, int newTo, Reason why, String whyDetail) {
        if (newFrom == newTo) {
            return suppressedBy(why, whyDetail);
        }
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        subject(),
                        decidedAt(),
                        newFrom,
                        newTo,
                        recommended(),
                        why,
                        whyDetail,
                        List.of(),
                        observed != null ? observed.instances() : newFrom);
        return new Decision(d, policy, observed);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
