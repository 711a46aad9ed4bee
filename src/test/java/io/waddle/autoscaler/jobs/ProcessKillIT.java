package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.JobJvm;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job in its own JVM (its main class, {@code --config flink-conf}, a local Flink), killed with
 * SIGKILL while it works, then started again from its latest retained checkpoint, as an operator
 * would after a machine died: read_committed consumers see each command once.
 */
class ProcessKillIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private final Path dir =
            Path.of("target", "test-process-kill", UUID.randomUUID().toString()).toAbsolutePath();

    @Test
    void aJobKilledWithSigkillRestartsFromItsCheckpointWithNoCommandLostOrDoubled()
            throws Exception {
        Files.createDirectories(dir);
        KAFKA.createTopics(3, "m");
        KAFKA.createTopics("c", "e", "d", "p", "pe", "r", "a");
        KAFKA.produceKeyed(
                "m", keyed(SampleBuilder.fleet(START, 0, 90, 4, 90.0)), START.plusSeconds(90));

        Process first = job("first", null);
        try {
            assertThat(commands(1)).hasSize(1);
            KAFKA.produceKeyed(
                    "m",
                    keyed(SampleBuilder.fleet(START, 120, 210, 6, 95.0)),
                    START.plusSeconds(210));
        } finally {
            first.destroyForcibly(); // SIGKILL: no cancel, no last checkpoint, no cleanup
            first.waitFor(30, TimeUnit.SECONDS);
        }
        Path checkpoint =
                latestCheckpoint()
                        .orElseThrow(() -> new AssertionError("no retained checkpoint in " + dir));

        Process second = job("second", checkpoint);
        try {
            List<ScalingCommand> commands = commands(2);
            assertThat(commands)
                    .extracting(ScalingCommand::from, ScalingCommand::to)
                    .containsExactly(tuple(4, 6), tuple(6, 8));
            assertThat(commands).extracting(ScalingCommand::commandId).doesNotHaveDuplicates();
            assertThat(second.isAlive()).isTrue();
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The newest chk-N holding a _metadata file, over every job of the run. */
    private Optional<Path> latestCheckpoint() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("checkpoints"))) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    private Process job(String name, Path restoreFrom) throws IOException {
        List<String> cmd =
                new ArrayList<>(
                        JobJvm.command(
                                List.of(),
                                List.of(
                                        "--config",
                                        "flink-conf",
                                        "--autoscaler.kafka.bootstrap-servers",
                                        KAFKA.bootstrapServers(),
                                        "--autoscaler.kafka.group-id",
                                        "process-kill",
                                        "--autoscaler.kafka.transactional-id-prefix",
                                        "process-kill",
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
        if (restoreFrom != null) {
            cmd.addAll(List.of("--execution.state-recovery.path", restoreFrom.toUri().toString()));
        }
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private static List<Map.Entry<String, String>> keyed(List<String> samples) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String s : samples) {
            out.add(Map.entry(Json.fromString(s, Map.class).get("instance_id").toString(), s));
        }
        return out;
    }

    /** The committed commands once there are {@code count}, and two more seconds add none. */
    private static List<ScalingCommand> commands(int count) {
        return KAFKA.readQuietly("c", count, WAIT).stream()
                .map(v -> Json.fromString(v, ScalingCommand.class))
                .toList();
    }
}
