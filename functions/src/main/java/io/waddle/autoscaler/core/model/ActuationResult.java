package io.waddle.autoscaler.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the actuator did with a command, published to the actuation-results topic. The job reads it
 * back: the coordinator releases the service's lock, and the service's scaler adopts the capacity
 * that was really applied (e.g. a database pool the coordinator grew for headroom).
 *
 * @param status {@code applied} (the platform accepted the new capacity), {@code failed}, or {@code
 *     observed}: the actuator reports a capacity no command of this job caused (its inventory when
 *     it starts, or a change made by hand); then {@code commandId} is empty
 * @param capacity the capacity the service has after this result: the command's target when
 *     applied, what it had before when failed
 * @param decidedAt when the command was decided (from the command)
 * @param appliedAt when the actuator finished with it
 */
public record ActuationResult(
        int schemaVersion,
        String commandId,
        String service,
        String region,
        String kind,
        String status,
        int target,
        int capacity,
        String detail,
        Instant decidedAt,
        Instant appliedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String OBSERVED = "observed";

    /** A capacity the actuator found, not one a command of this job set. */
    public static ActuationResult observed(
            String service, String region, ServiceKind kind, int capacity, Instant at) {
        return new ActuationResult(
                SCHEMA_VERSION,
                "",
                service,
                region,
                kind.wireName(),
                OBSERVED,
                capacity,
                capacity,
                "observed " + capacity,
                at,
                at);
    }

    public static ActuationResult applied(ScalingCommand c, Instant at) {
        return new ActuationResult(
                SCHEMA_VERSION,
                c.commandId(),
                c.service(),
                c.region(),
                c.kind(),
                APPLIED,
                c.to(),
                c.to(),
                "scaled to " + c.to(),
                c.decidedAt(),
                at);
    }

    public static ActuationResult failed(ScalingCommand c, Instant at, String why) {
        return new ActuationResult(
                SCHEMA_VERSION,
                c.commandId(),
                c.service(),
                c.region(),
                c.kind(),
                FAILED,
                c.to(),
                c.from(),
                why,
                c.decidedAt(),
                at);
    }

    public boolean isApplied() {
        return APPLIED.equals(status);
    }

    /** Whether this is the actuator's inventory of a service, not the result of a command. */
    public boolean isObservation() {
        return OBSERVED.equals(status);
    }

    /** Whether the service now has {@link #capacity()}: applied or observed. */
    public boolean setsCapacity() {
        return APPLIED.equals(status) || OBSERVED.equals(status);
    }

    /** The service's kind, if {@code kind} names one (in any case). */
    public Optional<ServiceKind> serviceKind() {
        return kind == null
                ? Optional.empty()
                : ServiceKind.fromWireName(kind.toLowerCase(Locale.ROOT));
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }

    /**
     * Why this record cannot be used, or null if it can: a result must name its command, service,
     * region, a known kind and status, times, and capacities in range.
     */
    public String problem() {
        if (!OBSERVED.equals(status) && (commandId == null || commandId.isBlank())) {
            return "command_id is missing";
        }
        if (!ServiceRegion.isName(service) || !ServiceRegion.isName(region)) {
            return "service and region must be 1-128 letters, digits, '.', '_' or '-'";
        }
        if (serviceKind().isEmpty()) {
            return "kind '" + kind + "' is not compute, webrtc, database or cache";
        }
        if (!APPLIED.equals(status) && !FAILED.equals(status) && !OBSERVED.equals(status)) {
            return "status '" + status + "' is not applied, failed or observed";
        }
        if (target < 0 || capacity < 0 || target > 1_000_000 || capacity > 1_000_000) {
            return "target and capacity must be in [0, 1000000]";
        }
        if (decidedAt == null || appliedAt == null) {
            return "decided_at and applied_at are required";
        }
        return null;
    }
}
