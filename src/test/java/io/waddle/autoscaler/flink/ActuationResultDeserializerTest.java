package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ActuationResultDeserializerTest {
    private static final Instant AT = Instant.parse("2026-06-25T14:00:00Z");

    private static List<ActuationResult> read(String value) {
        List<ActuationResult> out = new ArrayList<>();
        new ActuationResultDeserializer()
                .deserialize(
                        new ConsumerRecord<>(
                                "results",
                                0,
                                7,
                                null,
                                value == null ? null : value.getBytes(StandardCharsets.UTF_8)),
                        new Collector<>() {
                            @Override
                            public void collect(ActuationResult r) {
                                out.add(r);
                            }

                            @Override
                            public void close() {}
                        });
        return out;
    }

    @Test
    void aResultRoundTrips() {
        ScalingCommand c =
                new ScalingCommand(
                        1,
                        "cmd-1",
                        "chat-db",
                        "eu-west",
                        "database",
                        "scale_up",
                        120,
                        216,
                        "DEPENDENCY_HEADROOM",
                        "headroom",
                        AT);
        ActuationResult r = ActuationResult.applied(c, AT.plusSeconds(3));

        assertThat(read(Json.toString(r))).containsExactly(r);
    }

    @Test
    void anObservedCapacityNeedsNoCommandId() {
        ActuationResult r =
                ActuationResult.observed("chat-api", "eu-west", ServiceKind.COMPUTE, 12, AT);

        assertThat(read(Json.toString(r))).containsExactly(r);
    }

    /** A name the key separator or a newline could break is not a service the job scales. */
    @Test
    void aResultForAServiceNameTheMetricsWouldRefuseIsSkipped() {
        String ok =
                Json.toString(
                        ActuationResult.observed(
                                "chat-api", "eu-west", ServiceKind.COMPUTE, 12, AT));

        assertThat(read(ok.replace("\"chat-api\"", "\"chat/api\""))).isEmpty();
        assertThat(read(ok.replace("\"eu-west\"", "\"eu\\nwest\""))).isEmpty();
        assertThat(read(ok.replace("\"chat-api\"", "\"" + "x".repeat(200) + "\""))).isEmpty();
    }

    /**
     * Seeded mutations of a valid result (values replaced by hostile ones, fields dropped, the text
     * cut): each is skipped or read as a result whose every check passes; none throws.
     */
    @Test
    void corruptedResultsAreSkippedOrValidNeverThrown() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode valid =
                json.readTree(
                        Json.toString(
                                ActuationResult.observed(
                                        "chat-api", "eu-west", ServiceKind.COMPUTE, 12, AT)));
        List<JsonNode> hostile =
                List.of(
                        json.readTree("-1"),
                        json.readTree("2147483648"),
                        json.readTree("1e308"),
                        json.readTree("\"NaN\""),
                        json.readTree("null"),
                        json.readTree("[]"),
                        json.readTree("{}"),
                        json.readTree("\"a/b\""),
                        json.readTree("\"x\\ny\""),
                        json.readTree("\"+999999999-12-31T23:59:59Z\""),
                        json.readTree("\"" + "z".repeat(10_000) + "\""));
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        Random random = new Random(13);
        int skipped = 0;
        int kept = 0;
        for (int i = 0; i < 5_000; i++) {
            ObjectNode m = valid.deepCopy();
            String field = fields.get(random.nextInt(fields.size()));
            if (random.nextInt(5) == 0) {
                m.remove(field);
            } else {
                m.set(field, hostile.get(random.nextInt(hostile.size())));
            }
            String text = json.writeValueAsString(m);
            if (random.nextInt(10) == 0) {
                text = text.substring(0, random.nextInt(text.length()));
            }
            List<ActuationResult> out = read(text);
            if (out.isEmpty()) {
                skipped++;
            } else {
                assertThat(out.get(0).problem()).isNull();
                kept++;
            }
        }

        assertThat(skipped).isPositive();
        assertThat(kept).isPositive();
    }

    @Test
    void unusableRecordsAreSkippedNotThrown() {
        String ok =
                Json.toString(
                        ActuationResult.observed(
                                "chat-api", "eu-west", ServiceKind.COMPUTE, 12, AT));

        assertThat(read(null)).isEmpty();
        assertThat(read("{not json")).isEmpty();
        assertThat(read(ok.replace("\"observed\"", "\"maybe\""))).isEmpty();
        assertThat(read(ok.replace("\"compute\"", "\"gpu\""))).isEmpty();
        assertThat(read(ok.replace("\"capacity\":12", "\"capacity\":-3"))).isEmpty();
        assertThat(read(ok.replace("\"schema_version\":1", "\"schema_version\":2"))).isEmpty();
        // Only an observed capacity may come without a command id.
        assertThat(read(ok.replace("\"observed\"", "\"applied\""))).isEmpty();
    }
}
