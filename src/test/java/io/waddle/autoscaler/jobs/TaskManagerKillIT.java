package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar on a standalone cluster of two TaskManager processes; the one running the job is
 * killed (SIGKILL) mid-run. The JobManager notices (heartbeat timeout 5 s), restarts the job from
 * its latest checkpoint on the other TaskManager, and read_committed consumers see each command
 * once: the one before the kill and the one after.
 */
class TaskManagerKillIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void aKilledTaskManagerCostsNoCommandAndDoublesNone() throws Exception {
        KAFKA.createTopics(3, "m");
        KAFKA.createTopics("c", "e", "d", "p", "pe", "r", "a");
        KAFKA.produceKeyed(
                "m", keyed(SampleBuilder.fleet(START, 0, 90, 4, 90.0)), START.plusSeconds(90));
        Path dir =
                Path.of("target", "test-clusters", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);

        try (StandaloneFlinkCluster flink = new StandaloneFlinkCluster(dir, 2, 1)) {
            flink.configure("heartbeat.interval: 1000", "heartbeat.timeout: 5000");
            flink.start();
            assertThat(flink.flinkRun(jar(), 1, args())).as(flink.log("flink-run")).isZero();
            String job = flink.jobIds().get(0);
            assertThat(commands(1)).hasSize(1);
            Set<String> before = flink.taskManagersOf(job);
            assertThat(before).hasSize(1);

            flink.killTaskManager(before.iterator().next());
            KAFKA.produceKeyed(
                    "m",
                    keyed(SampleBuilder.fleet(START, 120, 210, 6, 95.0)),
                    START.plusSeconds(210));

            List<ScalingCommand> commands = commands(2);
            assertThat(commands)
                    .extracting(ScalingCommand::from, ScalingCommand::to)
                    .containsExactly(tuple(4, 6), tuple(6, 8));
            assertThat(commands).extracting(ScalingCommand::commandId).doesNotHaveDuplicates();
            assertThat(flink.taskManagersOf(job)).doesNotContainAnyElementsOf(before);
            assertThat(flink.jobClient(job).getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        }
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

    private static Path jar() {
        return Path.of("target", "waddle-autoscaler.jar").toAbsolutePath();
    }

    private static List<String> args() {
        return List.of(
                "--autoscaler.kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                "--autoscaler.kafka.group-id", "tm-kill",
                "--autoscaler.kafka.transactional-id-prefix", "tm-kill",
                "--autoscaler.topics.metrics", "m",
                "--autoscaler.topics.commands", "c",
                "--autoscaler.topics.events", "e",
                "--autoscaler.topics.dead-letters", "d",
                "--autoscaler.topics.policies", "p",
                "--autoscaler.topics.policy-events", "pe",
                "--autoscaler.topics.actuation-results", "r",
                "--autoscaler.topics.alerts", "a",
                "--autoscaler.kafka.starting-offsets", "earliest",
                "--execution.checkpointing.interval", "500ms",
                "--restart-strategy.type", "fixed-delay",
                "--restart-strategy.fixed-delay.attempts", "20",
                "--restart-strategy.fixed-delay.delay", "1s",
                "--pipeline.generic-types", "false");
    }
}
