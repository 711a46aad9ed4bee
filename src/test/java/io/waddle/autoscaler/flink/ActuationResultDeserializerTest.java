package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
