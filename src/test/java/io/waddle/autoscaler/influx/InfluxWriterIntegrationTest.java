package io.waddle.autoscaler.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.testing.InfluxServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log's InfluxDB side against a real influxd (1.6.7 from Debian). */
class InfluxWriterIntegrationTest {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");

    @TempDir static Path dir;
    private static InfluxServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InfluxServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Decision decision(String region, int from, int to, int second) {
        return new Decision(
                ScalingDecision.scaleTo(
                        new Subject("chat-api", region, ServiceKind.COMPUTE),
                        START.plusSeconds(second),
                        from,
                        to,
                        to,
                        Reason.CPU_ABOVE_TARGET,
                        "cpu 91.0% vs target 70.0%",
                        List.of(),
                        from),
                PolicyRef.BUILTIN,
                null);
    }

    @Test
    void decisionsWrittenCanBeQueriedBackWithInfluxQl() throws Exception {
        try (InfluxDB admin = InfluxDBFactory.connect(server.url())) {
            admin.query(new Query("CREATE DATABASE waddle"));
            try (AsyncInfluxWriter writer =
                    new AsyncInfluxWriter(
                            server.url(), "waddle", 1_000, 100, Duration.ofSeconds(5))) {
                writer.offer(InfluxPoints.of(decision("eu-west", 10, 13, 15)).toPoint());
                writer.offer(InfluxPoints.of(decision("eu-west", 13, 17, 30)).toPoint());
                writer.offer(InfluxPoints.of(decision("us-east", 4, 6, 30)).toPoint());

                assertThat(writer.awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(writer.written()).isEqualTo(3);
                assertThat(writer.dropped()).isZero();
            }

            QueryResult r =
                    admin.query(
                            new Query(
                                    "SELECT \"to\", reason FROM scaling_decisions"
                                            + " WHERE region = 'eu-west'",
                                    "waddle"));
            List<List<Object>> rows = r.getResults().get(0).getSeries().get(0).getValues();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0))
                    .containsExactly("1998-06-25T14:00:15Z", 13.0, "CPU_ABOVE_TARGET");
            assertThat(rows.get(1))
                    .containsExactly("1998-06-25T14:00:30Z", 17.0, "CPU_ABOVE_TARGET");

            QueryResult byRegion =
                    admin.query(
                            new Query(
                                    "SELECT count(\"to\") FROM scaling_decisions GROUP BY region",
                                    "waddle"));
            assertThat(byRegion.getResults().get(0).getSeries()).hasSize(2);
        }
    }

    @Test
    void anInfluxThatDoesNotAnswerNeverBlocksTheCallerAndEveryPointIsAccountedFor()
            throws Exception {
        // A socket that accepts connections (the kernel's backlog) but never answers: a batch
        // hangs until its timeout, as with a stuck InfluxDB.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                AsyncInfluxWriter writer =
                        new AsyncInfluxWriter(
                                "http://127.0.0.1:" + silent.getLocalPort(),
                                "waddle",
                                100,
                                10,
                                Duration.ofSeconds(2))) {
            for (int i = 0; i < 1_000; i++) {
                writer.offer(InfluxPoints.of(decision("eu-west", 10, 13, i)).toPoint());
            }
            // Returning at all proves offer never waited for the hung batch; beyond the buffer
            // and the one batch in flight, everything was dropped at once.
            assertThat(writer.dropped()).isGreaterThanOrEqualTo(1_000 - 100 - 10);

            assertThat(writer.awaitIdle(Duration.ofSeconds(120))).isTrue();
            assertThat(writer.written()).isZero();
            assertThat(writer.dropped()).isEqualTo(1_000);
        }
    }
}
