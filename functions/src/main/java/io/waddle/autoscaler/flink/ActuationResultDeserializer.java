package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the actuation-results topic. A record that is not a usable result is skipped, counted
 * ({@code actuationResultsRejected}) and logged with its reason and position; nothing here throws.
 */
public final class ActuationResultDeserializer
        implements KafkaRecordDeserializationSchema<ActuationResult> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ActuationResultDeserializer.class);

    private transient Counter rejected;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        rejected = context.getMetricGroup().counter("actuationResultsRejected");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ActuationResult> out) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        ActuationResult result = parse(record.value());
        String problem =
                result == null
                        ? "not an actuation result (JSON schema_version 1)"
                        : result.problem();
        if (problem != null) {
            if (rejected != null) {
                rejected.inc();
            }
            LOG.warn("Skipping actuation result at {}: {}", where, problem);
            return;
        }
        out.collect(result);
    }

    /** The result in {@code value}, or null if it is not one. */
    public static ActuationResult parse(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            ActuationResult r =
                    Json.fromString(
                            new String(value, StandardCharsets.UTF_8), ActuationResult.class);
            return r != null && r.schemaVersion() == ActuationResult.SCHEMA_VERSION ? r : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public TypeInformation<ActuationResult> getProducedType() {
        return TypeInformation.of(ActuationResult.class);
    }
}
