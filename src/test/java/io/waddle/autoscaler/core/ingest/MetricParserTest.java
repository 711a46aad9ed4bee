package io.waddle.autoscaler.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricParserTest {
    private static final Instant RECEIVED = Instant.parse("2026-06-25T14:00:05Z");
    private final MetricParser parser = new MetricParser(Duration.ofMinutes(5));

    private static String sample(String gauges) {
        return sampleWith("\"timestamp\":\"2026-06-25T14:00:00Z\"", gauges);
    }

    private static String sampleWith(String timestampField, String gauges) {
        return "{\"schema_version\":1,\"service\":\"chat-api\",\"region\":\"eu-west\",\"kind\":\"compute\","
                   + "\"instance_id\":\"chat-api-7d9f\","
                + timestampField
                + ",\"gauges\":"
                + gauges
                + "}";
    }

    @Test
    void refusesMoreGaugesThanASampleCanHave() {
        StringBuilder g = new StringBuilder("{");
        for (int i = 0; i <= MetricParser.MAX_GAUGES; i++) {
            g.append(i == 0 ? "" : ",").append("\"g").append(i).append("\":1");
        }

        assertThatThrownBy(() -> parser.parse(sample(g.append('}').toString()), RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE))
                .hasMessageContaining("65 entries, more than 64");
    }

    @Test
    void parsesAValidSampleWithEveryField() throws Exception {
        MetricSample s =
                parser.parse(
                        sample("{\"cpu\":72.5,\"memory\":40,\"requests_per_second\":120}"),
                        RECEIVED);

        assertThat(s.service()).isEqualTo("chat-api");
        assertThat(s.region()).isEqualTo("eu-west");
        assertThat(s.kind()).isEqualTo(ServiceKind.COMPUTE);
        assertThat(s.instanceId()).isEqualTo("chat-api-7d9f");
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2026-06-25T14:00:00Z"));
        assertThat(s.gauges())
                .containsEntry("cpu", 72.5)
                .containsEntry("requests_per_second", 120.0);
    }

    @Test
    void keepsUnknownGaugesForPoliciesToTarget() throws Exception {
        MetricSample s = parser.parse(sample("{\"cpu\":50,\"gc_pause_ms\":12.5}"), RECEIVED);

        assertThat(s.gauges()).containsEntry("gc_pause_ms", 12.5);
    }

    @Test
    void acceptsEpochMillisecondTimestamps() throws Exception {
        MetricSample s =
                parser.parse(sampleWith("\"timestamp\":1782396000000", "{\"cpu\":1}"), null);

        assertThat(s.timestamp()).isEqualTo(Instant.ofEpochMilli(1782396000000L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad json                 | {\"service\":                                      |"
                        + " INVALID_JSON               | not valid JSON",
                "array instead of object  | [1,2]                                              |"
                        + " INVALID_JSON               | not a JSON object",
                "missing service          | {\"schema_version\":1}                             |"
                        + " MISSING_FIELD              | 'service'",
                "unsupported version      | {\"schema_version\":2}                             |"
                        + " UNSUPPORTED_SCHEMA_VERSION | schema_version 2",
            })
    void refusesMalformedDocuments(
            String name, String payload, RejectReason reason, String message) {
        assertThatThrownBy(() -> parser.parse(payload, RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NaN literal             | {\"cpu\":NaN}                 | NOT_A_NUMBER   | 'cpu'"
                        + " is NaN",
                "infinity                | {\"cpu\":Infinity}            | NOT_A_NUMBER   | 'cpu'"
                        + " is Infinity",
                "string value            | {\"cpu\":\"high\"}            | NOT_A_NUMBER   | 'cpu'"
                        + " must be a number",
                "negative                | {\"memory\":-3}               | NEGATIVE_VALUE |"
                        + " 'memory' = -3.0 is negative",
                "fraction above one      | {\"packet_loss\":1.5}         | OUT_OF_RANGE   |"
                        + " 'packet_loss' = 1.5 is outside [0.0, 1.0]",
                "absurd cpu              | {\"cpu\":5000}                | OUT_OF_RANGE   | 'cpu' ="
                        + " 5000.0",
                "absurd unknown gauge    | {\"x\":1e300}                 | OUT_OF_RANGE   | 'x'",
                "no gauges               | {}                            | MISSING_FIELD  | gauges"
                        + " is empty",
                "line protocol in a name | {\"cpu\\nevil,host=x v\":1}   | INVALID_FIELD  | gauge"
                        + " name 'cpu?evil,host=x v'",
                "quote in a name         | {\"a\\\"b\":1}                | INVALID_FIELD  | gauge"
                        + " name",
                "empty name              | {\"\":1}                      | INVALID_FIELD  | gauge"
                        + " name ''",
            })
    void refusesImpossibleGaugeValues(
            String name, String gauges, RejectReason reason, String message) {
        assertThatThrownBy(() -> parser.parse(sample(gauges), RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnUnknownServiceKind() {
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        sample("{\"cpu\":1}").replace("compute", "gpu"), RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SERVICE_KIND))
                .hasMessageContaining("'gpu'");
    }

    @Test
    void refusesAServiceNameThatCouldBreakTheKey() {
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        sample("{\"cpu\":1}").replace("chat-api\"", "chat/api\""),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD))
                .hasMessageContaining("service");
    }

    @Test
    void refusesATimestampFarAheadOfWhenItWasReceived() {
        String future = sampleWith("\"timestamp\":\"2026-06-25T15:00:00Z\"", "{\"cpu\":1}");

        assertThatThrownBy(() -> parser.parse(future, RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE))
                .hasMessageContaining("more than 300s after");
    }

    @Test
    void refusesATimestampWithoutAnOffset() {
        String local = sampleWith("\"timestamp\":\"2026-06-25 14:00:00\"", "{\"cpu\":1}");

        assertThatThrownBy(() -> parser.parse(local, RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidSampleException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD))
                .hasMessageContaining("ISO-8601");
    }
}
