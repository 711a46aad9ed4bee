package io.waddle.autoscaler.core.model;

import java.time.Instant;

/**
 * One record of the policy topic, as read: its key (the policy id) and its JSON, or no JSON for a
 * tombstone (the policy is deleted). Parsing happens in the decision operator, so that a rejection
 * can be reported with its reason.
 *
 * @param origin topic-partition@offset
 * @param publishedAt the record's Kafka timestamp
 */
public record PolicyRecord(String key, String json, String origin, Instant publishedAt) {

    public boolean isTombstone() {
        return json == null;
    }
}
