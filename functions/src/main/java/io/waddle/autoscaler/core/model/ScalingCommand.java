package io.waddle.autoscaler.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

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

    public static ScalingCommand of(ScalingEvent e) {
        if (!e.issuesCommand()) {
            throw new IllegalArgumentException("only SCALE decisions become commands: " + e);
        }
        return new ScalingCommand(
                SCHEMA_VERSION,
                e.commandId(),
                e.service(),
                e.region(),
                e.kind(),
                e.action(),
                e.from(),
                e.to(),
                e.reason(),
                e.detail(),
                e.decidedAt());
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }

    static String commandId(String service, String region, int from, int to, Instant decidedAt) {
        return UUID.nameUUIDFromBytes(
                        ("command|"
                                        + service
                                        + "|"
                                        + region
                                        + "|"
                                        + from
                                        + "|"
                                        + to
                                        + "|"
                                        + decidedAt.toEpochMilli())
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
