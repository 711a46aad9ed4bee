package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.JobJvm;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job in its own JVM with every log at INFO, a Kafka JAAS password on its command line and an
 * InfluxDB password in a file: once it has decided, neither secret is anywhere in its log or on its
 * events topic, while the log shows that the Kafka clients' settings were written out (masked).
 */
class SecretsInLogsIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final String KAFKA_SECRET = "jaas-secret-5f1c";
    private static final String INFLUX_SECRET = "influx-secret-9a2e";

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void noSecretReachesTheLogOrTheEvents() throws Exception {
        Path dir = Path.of("target", "test-secrets", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        Path password = dir.resolve("influx-password");
        Files.writeString(password, INFLUX_SECRET + "\n");
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = File",
                        "appender.file.name = File",
                        "appender.file.type = File",
                        "appender.file.fileName = " + dir.resolve("job.log"),
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d %-5p %c %m%n",
                        ""));
        KAFKA.createTopics(2, "m");
        KAFKA.createTopics("c", "e", "d", "p", "pe", "r", "a");
        List<Map.Entry<String, String>> samples = new ArrayList<>();
        for (String s : SampleBuilder.fleet(START, 0, 90, 4, 90.0)) {
            samples.add(Map.entry(Json.fromString(s, Map.class).get("instance_id").toString(), s));
        }
        KAFKA.produceKeyed("m", samples, START.plusSeconds(90));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        List<String> cmd =
                new ArrayList<>(
                        JobJvm.command(
                                List.of("-Dlog4j2.configurationFile=" + log4j),
                                List.of(
                                        "--config",
                                        "flink-conf",
                                        "--autoscaler.kafka.bootstrap-servers",
                                        KAFKA.bootstrapServers(),
                                        "--autoscaler.kafka.group-id",
                                        "secrets",
                                        "--autoscaler.kafka.transactional-id-prefix",
                                        "secrets",
                                        "--autoscaler.kafka.properties.sasl.jaas.config",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule"
                                                + " required username=\"waddle\" password=\""
                                                + KAFKA_SECRET
                                                + "\";",
                                        "--autoscaler.influx.url",
                                        "http://127.0.0.1:" + closedPort,
                                        "--autoscaler.influx.username",
                                        "waddle",
                                        "--autoscaler.influx.password-file",
                                        password.toString(),
                                        "--autoscaler.topics.metrics",
                                        "m",
                                        "--autoscaler.topics.commands",
                                        "c",
                                        "--autoscaler.topics.events",
                                        "e",
                                        "--autoscaler.topics.dead-letters",
                                        "d",
                                        "--autoscaler.topics.policies",
                                        "p",
                                        "--autoscaler.topics.policy-events",
                                        "pe",
                                        "--autoscaler.topics.actuation-results",
                                        "r",
                                        "--autoscaler.topics.alerts",
                                        "a",
                                        "--autoscaler.kafka.starting-offsets",
                                        "earliest",
                                        "--execution.checkpointing.dir",
                                        dir.resolve("checkpoints").toUri().toString())));
        Process job =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("job.out").toFile())
                        .start();
        List<String> events;
        try {
            KAFKA.readUntil("c", true, v -> !v.isEmpty(), Duration.ofMinutes(3));
            events = KAFKA.readUntil("e", true, v -> !v.isEmpty(), Duration.ofMinutes(1));
        } finally {
            job.destroy();
            job.waitFor(30, TimeUnit.SECONDS);
            job.destroyForcibly();
        }

        String log =
                Files.readString(dir.resolve("job.log")) + Files.readString(dir.resolve("job.out"));
        assertThat(log).contains("sasl.jaas.config = [hidden]");
        assertThat(log).doesNotContain(KAFKA_SECRET).doesNotContain(INFLUX_SECRET);
        assertThat(String.join("\n", events))
                .doesNotContain(KAFKA_SECRET)
                .doesNotContain(INFLUX_SECRET);
    }
}
