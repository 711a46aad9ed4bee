package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.ingest.InvalidSampleException;
import io.waddle.autoscaler.core.ingest.MetricParser;
import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.IngestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into a valid sample or a dead letter. Never throws: one bad record must
 * not fail the job. Parsing at the source lets the watermarks be generated per partition from the
 * samples' own timestamps.
 */
public final class MetricDeserializationSchema
        implements KafkaRecordDeserializationSchema<IngestRecord> {
    private static final long serialVersionUID = 1L;

    private final MetricParser parser;

    public MetricDeserializationSchema(Duration maxFutureSkew) {
        this.parser = new MetricParser(maxFutureSkew);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
        Instant receivedAt =
                record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            out.collect(
                    IngestRecord.rejected(
                            DeadLetter.of(
                                    RejectReason.INVALID_JSON.name(),
                                    "record has no value (tombstone)",
                                    "",
                                    origin,
                                    receivedAt)));
            return;
        }
        String payload = new String(record.value(), StandardCharsets.UTF_8);
        try {
            out.collect(IngestRecord.valid(parser.parse(payload, receivedAt)));
        } catch (InvalidSampleException e) {
            out.collect(
                    IngestRecord.rejected(
                            DeadLetter.of(
                                    e.reason().name(),
                                    e.getMessage(),
                                    payload,
                                    origin,
                                    receivedAt)));
        } catch (RuntimeException e) {
            // Defensive: a parser bug must cost one record, not the job.
            out.collect(
                    IngestRecord.rejected(
                            DeadLetter.of(
                                    RejectReason.INVALID_JSON.name(),
                                    "unreadable record: " + e,
                                    payload,
                                    origin,
                                    receivedAt)));
        }
    }

    @Override
    public TypeInformation<IngestRecord> getProducedType() {
        return TypeInformation.of(IngestRecord.class);
    }
}
