package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.ingest.InvalidSampleException;
import io.waddle.autoscaler.core.ingest.MetricParser;
import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.IngestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * Turns each Kafka record into a valid sample or a dead letter. Never throws: one bad record must
 * not fail the job. Parsing at the source lets the watermarks be generated per partition from the
 * samples' own timestamps.
 *
 * <p>Event time is the platform's, not any one producer's. A sample may be at most the future skew
 * ahead of a clock the producer does not control: the broker's append time when the topic stamps it
 * ({@code message.timestamp.type=LogAppendTime}), otherwise the job's own clock when the record is
 * read. The producer's record timestamp (CreateTime) is never the reference: a producer whose clock
 * runs ahead sets it as far ahead as its samples.
 *
 * <p>A record larger than {@link #MAX_RECORD_BYTES} is dead-lettered unread (TOO_LARGE), with only
 * its first kilobyte kept.
 */
public final class MetricDeserializationSchema
        implements KafkaRecordDeserializationSchema<IngestRecord> {
    private static final long serialVersionUID = 1L;

    /** The largest record read: a sample with every gauge allowed is under 8 KB. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    private final MetricParser parser;
    private final Clock clock;

    public MetricDeserializationSchema(Duration maxFutureSkew) {
        this(maxFutureSkew, Clock.systemUTC());
    }

    /**
     * @param clock the job's clock, the reference for records the broker did not stamp
     */
    public MetricDeserializationSchema(Duration maxFutureSkew, Clock clock) {
        this.parser = new MetricParser(maxFutureSkew);
        this.clock = clock;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
        Instant receivedAt =
                record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        Instant reference =
                record.timestampType() == TimestampType.LOG_APPEND_TIME && receivedAt != null
                        ? receivedAt
                        : clock.instant();
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
        if (record.value().length > MAX_RECORD_BYTES) {
            out.collect(
                    IngestRecord.rejected(
                            DeadLetter.of(
                                    RejectReason.TOO_LARGE.name(),
                                    "record of "
                                            + record.value().length
                                            + " bytes is larger than "
                                            + MAX_RECORD_BYTES,
                                    new String(record.value(), 0, 1024, StandardCharsets.UTF_8),
                                    origin,
                                    receivedAt)));
            return;
        }
        String payload = new String(record.value(), StandardCharsets.UTF_8);
        try {
            out.collect(IngestRecord.valid(parser.parse(payload, reference)));
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
