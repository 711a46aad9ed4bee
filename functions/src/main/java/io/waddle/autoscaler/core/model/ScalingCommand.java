package io.waddle.autoscaler.core.model;

import java.time.Instant;

/**
 * An instruction to change a service's capacity in one region, written to the commands topic.
 *
 * @param commandId deterministic: the same decision always yields the same id, so a consumer can
 *     recognise a replay
 * @param action scale_up, scale_down or rebalance
 * @param from the capacity the decision started from
 * @param to the capacity to reach
 * @param reason the decision's reason code, e.g. CPU_ABOVE_TARGET
 * @param detail the numbers behind the reason
 */
public record ScalingCommand(
        int schemaVersion,
        String commandId,
        String service,
        String region,
        String kind,
        String action,
        int from,
        int to,
        String reason,
        String detail,
        Instant decidedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The command {@code d} issues; only a SCALE decision issues one. */
    public static ScalingCommand of(Decision d) {
        if (!d.issuesCommand()) {
            throw new IllegalArgumentException(
                    "only SCALE decisions become commands: " + d.decision().describe());
        }
        return new ScalingCommand(
                SCHEMA_VERSION,
                d.commandId(),
                d.service(),
                d.region(),
                d.kind().wireName(),
                d.action().wireName(),
                d.from(),
                d.to(),
                d.reason().name(),
                d.detail(),
                d.decidedAt());
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
