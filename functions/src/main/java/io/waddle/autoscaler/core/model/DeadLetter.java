package io.waddle.autoscaler.core.model;

import java.time.Instant;

/**
 * An input the job could not use, with why. Written to the dead-letter topic so that nothing is
 * dropped silently.
 *
 * @param reason a stable code, e.g. {@code INVALID_JSON} or {@code OUT_OF_RANGE}
 * @param detail a sentence naming the field and the problem
 * @param payload the original message, as received (truncated to {@link #MAX_PAYLOAD_CHARS})
 * @param origin where it came from, e.g. {@code metrics-2@1734} (topic-partition@offset)
 * @param receivedAt when the record reached the job (its Kafka timestamp)
 */
public record DeadLetter(
        int schemaVersion,
        String reason,
        String detail,
        String payload,
        String origin,
        Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    public static DeadLetter of(
            String reason, String detail, String payload, String origin, Instant receivedAt) {
        String kept =
                payload.length() > MAX_PAYLOAD_CHARS
                        ? payload.substring(0, MAX_PAYLOAD_CHARS)
                        : payload;
        return new DeadLetter(SCHEMA_VERSION, reason, detail, kept, origin, receivedAt);
    }
}
