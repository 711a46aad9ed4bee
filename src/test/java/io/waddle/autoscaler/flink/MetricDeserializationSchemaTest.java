package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.testing.CorruptMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The source's deserializer: which clock a sample's timestamp is checked against, and what it
 * refuses unread. The producer's own record timestamp is never the reference.
 */
class MetricDeserializationSchemaTest {
    private static final Instant NOW = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(5);

    private final MetricDeserializationSchema schema =
            new MetricDeserializationSchema(SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String sample(Instant at) {
        return "{\"schema_version\":1,\"service\":\"chat-api\",\"region\":\"eu-west\","
                + "\"kind\":\"compute\",\"instance_id\":\"i-1\",\"timestamp\":"
                + at.toEpochMilli()
                + ",\"gauges\":{\"cpu\":50}}";
    }

    private IngestRecord read(byte[] value, Instant recordTime, TimestampType type) {
        List<IngestRecord> out = new ArrayList<>();
        schema.deserialize(
                new ConsumerRecord<>(
                        "metrics",
                        0,
                        7,
                        recordTime.toEpochMilli(),
                        type,
                        0,
                        value.length,
                        null,
                        value,
                        new RecordHeaders(),
                        Optional.empty()),
                new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private IngestRecord read(String value, Instant recordTime, TimestampType type) {
        return read(value.getBytes(StandardCharsets.UTF_8), recordTime, type);
    }

    /** The review's defect 3: the record timestamp is the producer's, as far ahead as its clock. */
    @Test
    void aProducerWhoseClockRunsAheadIsRefusedAgainstTheJobsClock() {
        Instant ahead = NOW.plus(Duration.ofMinutes(3));

        IngestRecord r = read(sample(ahead), ahead, TimestampType.CREATE_TIME);

        assertThat(r.isValid()).isFalse();
        assertThat(RejectReason.valueOf(r.deadLetter().reason()))
                .isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void aSampleWithinTheSkewOfTheJobsClockIsAccepted() {
        Instant slightlyAhead = NOW.plusSeconds(4);

        assertThat(read(sample(slightlyAhead), NOW, TimestampType.CREATE_TIME).isValid()).isTrue();
    }

    @Test
    void withLogAppendTimeTheBrokersClockIsTheReference() {
        Instant appended = NOW.minus(Duration.ofHours(2));

        IngestRecord onTime =
                read(sample(appended.plusSeconds(3)), appended, TimestampType.LOG_APPEND_TIME);
        IngestRecord ahead =
                read(sample(appended.plusSeconds(60)), appended, TimestampType.LOG_APPEND_TIME);

        assertThat(onTime.isValid()).isTrue();
        assertThat(ahead.isValid()).isFalse();
        assertThat(RejectReason.valueOf(ahead.deadLetter().reason()))
                .isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE);
    }

    /** The generator the job-level fuzz test uses: every one of its records is refused here. */
    @Test
    void everyRecordOfTheCorruptionGeneratorIsDeadLettered() {
        Map<CorruptMetrics.Kind, Integer> accepted = new EnumMap<>(CorruptMetrics.Kind.class);
        for (CorruptMetrics.Corrupt c :
                new CorruptMetrics(13, NOW.minusSeconds(600), NOW).next(20_000, 3)) {
            List<IngestRecord> out = new ArrayList<>();
            schema.deserialize(
                    new ConsumerRecord<>(
                            "metrics",
                            0,
                            7,
                            c.recordTime().toEpochMilli(),
                            TimestampType.CREATE_TIME,
                            0,
                            c.value() == null ? 0 : c.value().length,
                            null,
                            c.value(),
                            new RecordHeaders(),
                            Optional.empty()),
                    new ListCollector<>(out));
            if (out.get(0).isValid()) {
                accepted.merge(c.kind(), 1, Integer::sum);
            }
        }

        assertThat(accepted).isEmpty();
    }

    @Test
    void aRecordOverTheSizeLimitIsDeadLetteredUnreadWithItsStartKept() {
        byte[] huge = new byte[10 << 20];
        Arrays.fill(huge, (byte) '{');

        IngestRecord r = read(huge, NOW, TimestampType.CREATE_TIME);

        assertThat(RejectReason.valueOf(r.deadLetter().reason())).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(r.deadLetter().detail()).contains("10485760 bytes");
        assertThat(r.deadLetter().payload()).hasSizeLessThanOrEqualTo(1024);
    }
}
