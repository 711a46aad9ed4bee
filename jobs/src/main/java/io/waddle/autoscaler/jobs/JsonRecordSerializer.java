package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a message as JSON, keyed by service and region so that one service's messages stay in
 * order on one partition, with the message's own time as the record timestamp.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Instant> time;

    JsonRecordSerializer(
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, Instant> time) {
        this.topic = topic;
        this.key = key;
        this.time = time;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        Instant at = time.apply(element);
        String k = key.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                at == null || at.toEpochMilli() < 0 ? null : at.toEpochMilli(),
                k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                Json.toBytes(element));
    }
}
