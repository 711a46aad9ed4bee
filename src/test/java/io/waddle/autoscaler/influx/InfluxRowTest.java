package io.waddle.autoscaler.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A point is one line of line protocol, whatever its names hold. */
class InfluxRowTest {

    /**
     * The review's defect 5: a gauge name with a newline became a field key, and the client does
     * not escape newlines, so the rest of the name was read as a second point.
     */
    @Test
    void aNewlineInAFieldKeyOrTagCannotStartASecondPoint() {
        InfluxRow row =
                new InfluxRow(
                        "utilization",
                        1_000,
                        Map.of("service", "chat\napi"),
                        Map.of("instances", 3L),
                        Map.of("cpu\nscaling_decisions,service=x to=999i", 50.0),
                        Map.of("detail", "first\r\nsecond"));

        String line = row.toPoint().lineProtocol();

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line)
                .startsWith("utilization,service=chat_api ")
                .contains("cpu_scaling_decisions\\,service\\=x\\ to\\=999i=50.0");
    }

    @Test
    void ordinaryNamesAreKeptAsTheyAre() {
        InfluxRow row =
                new InfluxRow(
                        "utilization",
                        1_000,
                        Map.of("service", "chat-api"),
                        Map.of(),
                        Map.of("cpu_max", 50.0),
                        Map.of());

        assertThat(row.toPoint().lineProtocol())
                .isEqualTo("utilization,service=chat-api cpu_max=50.0 1000000000");
    }
}
