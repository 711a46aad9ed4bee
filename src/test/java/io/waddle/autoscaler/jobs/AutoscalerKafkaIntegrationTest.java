package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a real Kafka broker and a Flink MiniCluster with RocksDB: samples in, commands
 * out, refused samples on the dead-letter topic, and no duplicate command after a forced restart
 * from a checkpoint.
 */
class AutoscalerKafkaIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String METRICS = "metrics";
    private static final String COMMANDS = "commands";
    private static final String EVENTS = "events";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final String POLICIES = "policies";
    private static final String POLICY_EVENTS = "policy-events";
    private static final String RESULTS = "actuation-results";
    private static final String ALERTS = "alerts";

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path checkpoints;

    @Test
    void issuesCommandsDeadLettersBadSamplesAndReplaysNoCommandAfterRestartFromCheckpoint(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        KAFKA.createTopics(
                METRICS, COMMANDS, EVENTS, DEAD_LETTERS, POLICIES, POLICY_EVENTS, RESULTS, ALERTS);

        // Phase 1, 0..90 s: 4 instances at 90 % CPU (target 70 %) -> scale_up 4->6, and four bad
        // records.
        KAFKA.produce(METRICS, SampleBuilder.fleet(START, 0, 90, 4, 90.0), START.plusSeconds(90));
        KAFKA.produce(
                METRICS,
                List.of(
                        "{not json",
                        SampleBuilder.compute("chat-api", "eu-west").at(START).cpu(-5).json(),
                        "{\"schema_version\":1,\"service\":\"chat-api\",\"region\":\"eu-west\",\"kind\":\"compute\","
                            + "\"instance_id\":\"i-9\",\"timestamp\":\"2026-06-25T14:00:00Z\",\"gauges\":{\"cpu\":NaN}}",
                        SampleBuilder.compute("chat-api", "eu-west")
                                .at(START)
                                .cpu(50)
                                .json()
                                .replace("compute", "gpu")),
                START.plusSeconds(90));

        JobClient first = submit(null);
        awaitCommands(false, c -> c.size() == 1);
        long checkpointId = client.triggerCheckpoint(first.getJobID(), CheckpointType.FULL).get();
        awaitCommands(true, c -> c.size() == 1);

        // Phase 2, 120..210 s: 6 instances at 95 % -> scale_up 6->8. Written, not yet committed...
        KAFKA.produce(
                METRICS, SampleBuilder.fleet(START, 120, 210, 6, 95.0), START.plusSeconds(210));
        awaitCommands(false, c -> c.size() == 2);
        // ...when the job is killed. Its open transaction is never committed.
        first.cancel().get();

        JobClient second = submit(checkpointPath(first.getJobID(), checkpointId));
        awaitCommands(false, c -> c.size() == 3);
        client.triggerCheckpoint(second.getJobID(), CheckpointType.FULL).get();

        List<ScalingCommand> committed = awaitCommands(true, c -> c.size() == 2);
        assertThat(committed)
                .extracting(
                        ScalingCommand::action,
                        ScalingCommand::from,
                        ScalingCommand::to,
                        ScalingCommand::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("scale_up", 4, 6, "CPU_ABOVE_TARGET"),
                        org.assertj.core.groups.Tuple.tuple("scale_up", 6, 8, "CPU_ABOVE_TARGET"));
        assertThat(committed).extracting(ScalingCommand::commandId).doesNotHaveDuplicates();

        // The replay really happened: the aborted write and its replay carry the same command id.
        List<ScalingCommand> everything = readCommands(false, c -> c.size() == 3);
        assertThat(everything.get(1).commandId()).isEqualTo(everything.get(2).commandId());

        List<DeadLetter> deadLetters =
                KAFKA.readUntil(DEAD_LETTERS, true, d -> d.size() >= 4, WAIT).stream()
                        .map(s -> Json.fromString(s, DeadLetter.class))
                        .toList();
        assertThat(deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactly(
                        "INVALID_JSON", "NEGATIVE_VALUE", "NOT_A_NUMBER", "UNKNOWN_SERVICE_KIND");

        List<ScalingEvent> events =
                KAFKA.readUntil(EVENTS, true, e -> e.size() >= 2, WAIT).stream()
                        .map(s -> Json.fromString(s, ScalingEvent.class))
                        .toList();
        assertThat(events)
                .filteredOn(ScalingEvent::issuesCommand)
                .extracting(ScalingEvent::commandId)
                .containsExactly(committed.get(0).commandId());
        second.cancel().get();
    }

    private JobClient submit(String restoreFrom) throws Exception {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        conf.set(AutoscalerOptions.METRICS_TOPIC, METRICS);
        conf.set(AutoscalerOptions.COMMANDS_TOPIC, COMMANDS);
        conf.set(AutoscalerOptions.EVENTS_TOPIC, EVENTS);
        conf.set(AutoscalerOptions.DEAD_LETTER_TOPIC, DEAD_LETTERS);
        conf.set(AutoscalerOptions.POLICIES_TOPIC, POLICIES);
        conf.set(AutoscalerOptions.POLICY_EVENTS_TOPIC, POLICY_EVENTS);
        conf.set(AutoscalerOptions.ACTUATION_RESULTS_TOPIC, RESULTS);
        conf.set(AutoscalerOptions.ALERTS_TOPIC, ALERTS);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        // As in flink-conf/config.yaml: every type must have a Flink serializer, none falls back to
        // Kryo.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Checkpoints only when the test asks, so that it knows exactly what each one covers.
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofHours(1));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    private String checkpointPath(JobID job, long checkpointId) {
        Path path = checkpoints.resolve(job.toHexString()).resolve("chk-" + checkpointId);
        assertThat(Files.isRegularFile(path.resolve("_metadata")))
                .as("retained checkpoint " + path)
                .isTrue();
        return path.toUri().toString();
    }

    private static List<ScalingCommand> awaitCommands(
            boolean committed, Predicate<List<ScalingCommand>> done) {
        return readCommands(committed, done);
    }

    private static List<ScalingCommand> readCommands(
            boolean committed, Predicate<List<ScalingCommand>> done) {
        List<String> raw =
                KAFKA.readUntil(COMMANDS, committed, values -> done.test(parse(values)), WAIT);
        return parse(raw);
    }

    private static List<ScalingCommand> parse(List<String> values) {
        return values.stream().map(v -> Json.fromString(v, ScalingCommand.class)).toList();
    }
}
