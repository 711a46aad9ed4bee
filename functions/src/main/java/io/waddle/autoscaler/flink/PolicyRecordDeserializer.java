package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.PolicyRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the compacted policy topic: key = policy id, value = the policy's JSON or null (a
 * tombstone). A record without a key cannot name a policy and is skipped by the decision operator
 * as a rejection; nothing here throws.
 */
public final class PolicyRecordDeserializer
        implements KafkaRecordDeserializationSchema<PolicyRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PolicyRecord> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        String json =
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(
                new PolicyRecord(
                        key,
                        json,
                        record.topic() + "-" + record.partition() + "@" + record.offset(),
                        Instant.ofEpochMilli(Math.max(0, record.timestamp()))));
    }

    @Override
    public TypeInformation<PolicyRecord> getProducedType() {
        return TypeInformation.of(PolicyRecord.class);
    }
}
