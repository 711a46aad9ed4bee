package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
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
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job in its own JVM (its main class, {@code --config flink-conf}, a local Flink), killed with
 * SIGKILL five times at seeded random points while it works (after one to three of a phase's
 * decisions), each time started again from its latest retained checkpoint, as an operator would
 * after a machine died. The load arrives in six phases, one after each restart. Read_committed
 * consumers see exactly the decisions and commands of one uninterrupted run of the same load: none
 * lost, none doubled, the same final capacity.
 */
class ProcessKillIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long SEED = 5;
    private static final int KILLS = 5;
    private static final int PARTITIONS = 3;

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private final Path dir =
            Path.of("target", "test-process-kill", UUID.randomUUID().toString()).toAbsolutePath();

    /** Phase k: 90 s of 6 + 2k instances at 95 % CPU from 120k s, then 30 s of nothing. */
    private static List<String> phase(int k) {
        return SampleBuilder.fleet(START, 120 * k, 120 * k + 90, 6 + 2 * k, 95.0);
    }

    /** The window the last phase's samples close last: its end, as decisions carry it. */
    private static final Instant LAST_DECIDED = START.plusSeconds(120 * KILLS + 75);

    @Test
    void killedFiveTimesAtRandomPointsItCommitsWhatAnUninterruptedRunCommits() throws Exception {
        Files.createDirectories(dir);
        KAFKA.createTopics(PARTITIONS, "m");
        KAFKA.createTopics("c", "e", "d", "p", "pe", "r", "a", "c2", "e2", "d2", "pe2", "a2");
        Random random = new Random(SEED);

        Process job = job("run-0", "", null);
        try {
            for (int k = 0; k <= KILLS; k++) {
                int before = KAFKA.readQuietly("e", 0, WAIT).size();
                KAFKA.produceKeyed("m", keyed(phase(k)), START.plusSeconds(120 * k + 90));
                if (k == KILLS) {
                    break;
                }
                // Mid-work: once the phase's first one to three decisions (seeded) are committed.
                int killAfter = before + 1 + random.nextInt(3);
                KAFKA.readUntil("e", true, e -> e.size() >= killAfter, WAIT);
                job.destroyForcibly(); // SIGKILL: no cancel, no last checkpoint, no cleanup
                job.waitFor(30, TimeUnit.SECONDS);
                Path checkpoint =
                        latestCheckpoint("checkpoints")
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        "no retained checkpoint in " + dir));
                job = job("run-" + (k + 1), "", checkpoint);
            }
            List<ScalingEvent> killed = decisions("e");
            List<ScalingCommand> killedCommands = commands("c", killed);

            Process reference = job("reference", "2", null);
            try {
                List<ScalingEvent> alone = decisions("e2");
                List<ScalingCommand> aloneCommands = commands("c2", alone);

                assertThat(killed)
                        .extracting(ProcessKillIT::decision)
                        .containsExactlyElementsOf(
                                alone.stream().map(ProcessKillIT::decision).toList());
                assertThat(killedCommands)
                        .extracting(ScalingCommand::commandId, ScalingCommand::to)
                        .containsExactlyElementsOf(
                                aloneCommands.stream()
                                        .map(c -> tuple(c.commandId(), c.to()))
                                        .toList());
                assertThat(aloneCommands).hasSizeGreaterThanOrEqualTo(3);
                assertThat(job.isAlive()).isTrue();
            } finally {
                reference.destroyForcibly();
                reference.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            job.destroyForcibly();
            job.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The committed decisions once the last window is decided and two more seconds add none. */
    private static List<ScalingEvent> decisions(String topic) {
        KAFKA.readUntil(
                topic,
                true,
                e -> e.stream().anyMatch(v -> v.contains("\"" + LAST_DECIDED + "\"")),
                WAIT);
        return KAFKA.readQuietly(topic, 1, WAIT).stream()
                .map(v -> Json.fromString(v, ScalingEvent.class))
                .toList();
    }

    /** The committed commands: as many as the decisions that issued one. */
    private static List<ScalingCommand> commands(String topic, List<ScalingEvent> decisions) {
        int issued = (int) decisions.stream().filter(e -> e.commandId() != null).count();
        return KAFKA.readQuietly(topic, issued, WAIT).stream()
                .map(v -> Json.fromString(v, ScalingCommand.class))
                .toList();
    }

    private static org.assertj.core.groups.Tuple decision(ScalingEvent e) {
        return tuple(e.decidedAt(), e.action(), e.from(), e.to(), e.reason(), e.commandId());
    }

    /** The newest chk-N holding a _metadata file, over every job of the series. */
    private Optional<Path> latestCheckpoint(String series) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve(series))) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    /** A job JVM writing to the topics of {@code suffix}; from a checkpoint if one is given. */
    private Process job(String name, String suffix, Path restoreFrom) throws IOException {
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
                                        "process-kill" + suffix,
                                        "--autoscaler.kafka.transactional-id-prefix",
                                        "process-kill" + suffix,
                                        "--autoscaler.topics.metrics",
                                        "m",
                                        "--autoscaler.topics.commands",
                                        "c" + suffix,
                                        "--autoscaler.topics.events",
                                        "e" + suffix,
                                        "--autoscaler.topics.dead-letters",
                                        "d" + suffix,
                                        "--autoscaler.topics.policies",
                                        "p",
                                        "--autoscaler.topics.policy-events",
                                        "pe" + suffix,
                                        "--autoscaler.topics.actuation-results",
                                        "r",
                                        "--autoscaler.topics.alerts",
                                        "a" + suffix,
                                        "--autoscaler.kafka.starting-offsets",
                                        "earliest",
                                        "--execution.checkpointing.dir",
                                        dir.resolve("checkpoints" + suffix).toUri().toString())));
        if (restoreFrom != null) {
            cmd.addAll(List.of("--execution.state-recovery.path", restoreFrom.toUri().toString()));
        }
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    /**
     * Each instance's samples on one partition, instance i on partition i mod 3, so that every
     * partition has samples in every phase and none waits out the idleness timeout.
     */
    private static List<Map.Entry<String, String>> keyed(List<String> samples) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String s : samples) {
            String instance = Json.fromString(s, Map.class).get("instance_id").toString();
            int i = Integer.parseInt(instance.substring(2));
            out.add(Map.entry(keyOnPartition(i % PARTITIONS), s));
        }
        return out;
    }

    /** A key prefix that the producer's default partitioner puts on {@code partition}. */
    private static String keyOnPartition(int partition) {
        for (int j = 0; ; j++) {
            String key = "p" + j;
            byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(bytes)) % PARTITIONS == partition) {
                return key;
            }
        }
    }
}
