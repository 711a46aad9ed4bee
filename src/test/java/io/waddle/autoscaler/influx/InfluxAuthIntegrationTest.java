package io.waddle.autoscaler.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real influxd with authentication on: the writer authenticates with a password read from a file,
 * and a wrong password costs only dropped, counted points.
 */
class InfluxAuthIntegrationTest {
    private static final String USER = "waddle";
    private static final String PASSWORD = "s3cr3t-not-in-logs";

    @TempDir static Path dir;
    private static InfluxServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("influx"));
        server = InfluxServer.start(dir.resolve("influx"), true);
        server.createAdmin(USER, PASSWORD);
        try (InfluxDB admin = InfluxDBFactory.connect(server.url(), USER, PASSWORD)) {
            admin.query(new Query("CREATE DATABASE waddle"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Point point(int value) {
        return Point.measurement("utilization")
                .time(
                        Instant.parse("2026-06-25T14:00:00Z").toEpochMilli() + value,
                        TimeUnit.MILLISECONDS)
                .tag("service", "chat-api")
                .addField("cpu", value)
                .build();
    }

    @Test
    void writesWithAPasswordReadFromAFile() throws Exception {
        Path file = dir.resolve("influx-password");
        Files.writeString(file, PASSWORD + "\n");
        Secret secret = Secret.fromFile(file.toString());

        try (AsyncInfluxWriter writer =
                new AsyncInfluxWriter(
                        server.url(),
                        USER,
                        secret.reveal(),
                        "waddle",
                        100,
                        10,
                        Duration.ofSeconds(5))) {
            writer.offer(point(1));
            writer.offer(point(2));
            assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(writer.written()).isEqualTo(2);
        }
        try (InfluxDB admin = InfluxDBFactory.connect(server.url(), USER, PASSWORD)) {
            QueryResult r =
                    admin.query(
                            new Query(
                                    "SELECT count(cpu) FROM utilization WHERE cpu < 3", "waddle"));
            assertThat(r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
                    .isEqualTo(2.0);
        }
        assertThat(secret.toString()).doesNotContain(PASSWORD).contains("influx-password");
    }

    @Test
    void aWrongPasswordDropsAndCountsThePointsWithoutFailing() throws Exception {
        try (AsyncInfluxWriter writer =
                new AsyncInfluxWriter(
                        server.url(), USER, "wrong", "waddle", 100, 10, Duration.ofSeconds(5))) {
            writer.offer(point(3));

            assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(writer.written()).isZero();
            assertThat(writer.dropped()).isEqualTo(1);
        }
    }

    /** InfluxDB down, then back: the writer never throws, counts what it lost, and resumes. */
    @Test
    void anOutageCostsCountedPointsAndWritingResumesByItself() throws Exception {
        try (AsyncInfluxWriter writer =
                new AsyncInfluxWriter(
                        server.url(), USER, PASSWORD, "waddle", 100, 10, Duration.ofSeconds(2))) {
            writer.offer(point(10));
            assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();

            server.stop();
            writer.offer(point(11));
            assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();
            server.restart();
            writer.offer(point(12));
            assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();

            assertThat(writer.written()).isEqualTo(2);
            assertThat(writer.dropped()).isEqualTo(1);
        }
    }

    @Test
    void aMissingSecretIsNamedNeverShown() {
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent").toString()).reveal())
                .hasMessageContaining("cannot read the secret file")
                .hasMessageContaining("absent");
        assertThatThrownBy(() -> Secret.fromEnv("WADDLE_TEST_UNSET_VARIABLE").reveal())
                .hasMessage("environment variable WADDLE_TEST_UNSET_VARIABLE is not set");
        assertThat(Secret.NONE.reveal()).isEmpty();
    }
}
