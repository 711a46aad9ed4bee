package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar, submitted as a user would: {@code flink run -d} against a standalone Flink
 * 2.3 cluster (separate JobManager and TaskManager processes) that has only Flink's own jars. If
 * the jar lacks anything the job needs beyond Flink, submission or the job fails here.
 */
class FlinkRunSubmissionIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir Path dir;

    @Test
    void flinkRunAcceptsTheJobJarAndTheJobIssuesCommands() throws Exception {
        KAFKA.createTopics("m", "c", "e", "d", "p", "pe", "r", "a");
        try (StandaloneFlinkCluster flink = new StandaloneFlinkCluster(dir)) {
            assertThat(flink.flinkLib())
                    .doesNotContain("kafka-clients")
                    .doesNotContain("jackson-databind")
                    .doesNotContain("flink-connector-kafka");
            flink.start();

            int exit =
                    flink.flinkRun(
                            Path.of("target", "waddle-autoscaler.jar").toAbsolutePath(),
                            List.of(
                                    "--autoscaler.kafka.bootstrap-servers",
                                            KAFKA.bootstrapServers(),
                                    "--autoscaler.topics.metrics", "m",
                                    "--autoscaler.topics.commands", "c",
                                    "--autoscaler.topics.events", "e",
                                    "--autoscaler.topics.dead-letters", "d",
                                    "--autoscaler.topics.policies", "p",
                                    "--autoscaler.topics.policy-events", "pe",
                                    "--autoscaler.topics.actuation-results", "r",
                                    "--autoscaler.topics.alerts", "a",
                                    "--autoscaler.kafka.starting-offsets", "earliest",
                                    "--execution.checkpointing.interval", "1s",
                                    "--pipeline.generic-types", "false"));
            assertThat(exit).as("flink run output:\n" + flink.log("flink-run")).isZero();
            assertThat(flink.log("flink-run")).contains("Job has been submitted with JobID");

            KAFKA.produce("m", SampleBuilder.fleet(START, 0, 90, 4, 90), START.plusSeconds(90));

            List<String> commands =
                    KAFKA.readUntil("c", true, c -> !c.isEmpty(), Duration.ofSeconds(90));
            ScalingCommand first = Json.fromString(commands.get(0), ScalingCommand.class);
            assertThat(first.action()).isEqualTo("scale_up");
            assertThat(first.from()).isEqualTo(4);
            assertThat(first.to()).isEqualTo(6);
            assertThat(flink.jobIds()).hasSize(1);
        }
    }
}
