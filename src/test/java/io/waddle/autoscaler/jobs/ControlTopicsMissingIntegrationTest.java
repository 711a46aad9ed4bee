package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The policy and actuation-results topics are missing when the job starts (the policy CLI or the
 * actuator not deployed yet, a topic deleted by mistake). The job starts anyway and decides under
 * its own options, with no restart (none allowed here); once the policy topic exists, the policies
 * published to it apply, without anyone restarting the job.
 */
class ControlTopicsMissingIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private final Path checkpoints =
            Path.of(
                            "target",
                            "test-checkpoints",
                            getClass().getSimpleName(),
                            UUID.randomUUID().toString())
                    .toAbsolutePath();

    @Test
    void theJobDecidesWithoutThemAndTakesPoliciesOnceTheTopicExists() throws Exception {
        KAFKA.createTopics(
                Arrays.stream(JobTopics.names(""))
                        .filter(t -> !t.equals("p") && !t.equals("r"))
                        .toArray(String[]::new));
        JobClient job = start();

        // 0..90 s: 4 instances at 90 %: scale_up 4 -> 6 under the job's own options.
        KAFKA.produce("m", SampleBuilder.fleet(START, 0, 90, 4, 90), START.plusSeconds(90));
        List<ScalingCommand> first = commands(1);
        assertThat(first.get(0).to()).isEqualTo(6);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

        // The policy topic appears, with a policy capping chat-api at 5: the job reads it.
        KAFKA.createTopics("p");
        KAFKA.produce(
                "p",
                List.of(
                        "{\"schema_version\":1,\"policy_id\":\"cap\",\"version\":1,"
                                + "\"applies_to\":{\"service\":\"chat-api\"},"
                                + "\"compute\":{\"max_instances\":5}}"),
                START,
                "cap");
        List<PolicyEvent> verdicts =
                KAFKA.readUntil("pe", true, e -> !e.isEmpty(), WAIT).stream()
                        .map(s -> Json.fromString(s, PolicyEvent.class))
                        .toList();
        assertThat(verdicts).extracting(PolicyEvent::outcome).containsExactly("ACCEPTED");
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();
    }

    private JobClient start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        JobTopics.configure(conf, "");
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "control-missing");
        conf.set(AutoscalerOptions.CONTROL_TOPIC_DISCOVERY, Duration.ofSeconds(1));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    private static List<ScalingCommand> commands(int n) {
        return KAFKA.readUntil("c", true, c -> c.size() >= n, WAIT).stream()
                .map(s -> Json.fromString(s, ScalingCommand.class))
                .toList();
    }
}
