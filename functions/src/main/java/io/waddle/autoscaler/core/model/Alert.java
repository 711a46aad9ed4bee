package io.waddle.autoscaler.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert for operators, written to the alerts topic: raised once per condition and service, then
 * resolved once when the condition clears.
 *
 * @param alertId deterministic: the same condition of the same service raised at the same time
 *     always has the same id, and its resolution carries it too
 * @param severity {@code critical} or {@code warning}
 * @param status {@code firing} or {@code resolved}
 * @param suggestedAction what an operator should look at first
 */
public record Alert(
        int schemaVersion,
        String alertId,
        String condition,
        String severity,
        String status,
        String service,
        String region,
        String title,
        String message,
        String suggestedAction,
        Instant raisedAt,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public static String id(String condition, String service, String region, Instant raisedAt) {
        return UUID.nameUUIDFromBytes(
                        ("alert|" + condition + "|" + service + "|" + region + "|" + raisedAt)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The same alert, resolved at {@code when} with {@code why}. */
    public Alert resolved(Instant when, String why) {
        return new Alert(
                schemaVersion,
                alertId,
                condition,
                severity,
                RESOLVED,
                service,
                region,
                title,
                why,
                suggestedAction,
                raisedAt,
                when);
    }
}
