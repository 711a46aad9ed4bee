package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.flink.MetricDeserializationSchema;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.CrashingDeserializer;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once through task failures: the job runs a trace of three services on topics of three
 * partitions with the real Kafka sinks, and its metrics source fails its task at seeded points (at
 * least five per run, none graceful: Flink restarts from the latest checkpoint). What
 * read_committed consumers see is compared with an uninterrupted run on the same records: the same
 * commands and events, none twice, none lost, the same final capacity.
 */
class CrashRestoreIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long SEED = 13;
    private static final int CRASHES = 6;

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * Under target/, not a JUnit temporary folder: a cancelled job's last checkpoint files can
     * still be written while the folder would be deleted.
     */
    private final Path checkpoints =
            Path.of(
                            "target",
                            "test-checkpoints",
                            getClass().getSimpleName(),
                            UUID.randomUUID().toString())
                    .toAbsolutePath();

    @Test
    void taskFailuresAtRandomPointsLoseAndDuplicateNothing(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        KAFKA.createTopics(3, JobTopics.names("calm-"));
        KAFKA.createTopics(3, JobTopics.names("crash-"));
        List<Map.Entry<String, String>> trace = trace();
        KAFKA.produceKeyed("calm-m", trace, START.plusSeconds(600));
        KAFKA.produceKeyed("crash-m", trace, START.plusSeconds(600));
        Random random = new Random(SEED);
        List<Long> plan = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < CRASHES; i++) {
            at += 1 + random.nextInt(trace.size() / (CRASHES + 1));
            plan.add(at);
        }

        JobClient calm = submit("calm-", null);
        List<ScalingCommand> expected = commands("calm-c", c -> c.size() >= 6);
        List<String> expectedEvents = eventIds("calm-e", expected, 1);
        JobClient crash = submit("crash-", plan);
        List<ScalingCommand> got = commands("crash-c", c -> c.size() >= expected.size());
        List<String> gotEvents = eventIds("crash-e", got, expectedEvents.size());

        assertThat(CrashingDeserializer.crashes("crash-")).isEqualTo(CRASHES);
        assertThat(got).extracting(ScalingCommand::commandId).doesNotHaveDuplicates();
        assertThat(got)
                .extracting(CrashRestoreIntegrationTest::command)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(CrashRestoreIntegrationTest::command).toList());
        assertThat(finalCapacity(got)).isEqualTo(finalCapacity(expected));
        assertThat(gotEvents)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedEvents);
        assertThat(client.getJobStatus(crash.getJobID()).get()).isEqualTo(JobStatus.RUNNING);
        calm.cancel().get();
        crash.cancel().get();
    }

    /**
     * Three services whose load steps up, each keyed by instance so its samples keep their order.
     */
    private static List<Map.Entry<String, String>> trace() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String[] services = {"chat-api", "chat-ws", "presence"};
        int[][] phases = {{0, 90, 4}, {120, 210, 6}, {240, 330, 8}, {360, 450, 11}};
        for (int[] phase : phases) {
            for (int t = phase[0]; t < phase[1]; t += 5) {
                for (String s : services) {
                    for (int i = 0; i < phase[2]; i++) {
                        String v =
                                SampleBuilder.compute(s, "eu-west")
                                        .instance(s + "-" + i)
                                        .at(START.plusSeconds(t))
                                        .cpu(95)
                                        .memory(40)
                                        .json();
                        out.add(Map.entry(s + "-" + i, v));
                    }
                }
            }
        }
        return out;
    }

    private static List<Object> command(ScalingCommand c) {
        return List.of(c.commandId(), c.service(), c.action(), c.from(), c.to(), c.decidedAt());
    }

    private static Map<String, Integer> finalCapacity(List<ScalingCommand> commands) {
        Map<String, Integer> last = new TreeMap<>();
        commands.stream()
                .sorted(java.util.Comparator.comparing(ScalingCommand::decidedAt))
                .forEach(c -> last.put(c.service(), c.to()));
        return last;
    }

    private JobClient submit(String prefix, List<Long> crashPlan) throws Exception {
        Configuration conf = JobTopics.configure(new Configuration(), prefix);
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "crash-test-" + prefix);
        conf.set(AutoscalerOptions.CONSUMER_GROUP, "crash-test-" + prefix);
        // Every partition has samples: no idleness, so that a source slowed by a restart under load
        // cannot be taken for idle and its samples made late (Flink's idleness is wall-clock).
        conf.set(AutoscalerOptions.IDLENESS, Duration.ZERO);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.resolve(prefix).toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, CRASHES + 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        MetricDeserializationSchema parse =
                new MetricDeserializationSchema(conf.get(AutoscalerOptions.MAX_FUTURE_SKEW));
        JobSources real = kafka.sources();
        JobSources sources =
                crashPlan == null
                        ? real
                        : new JobSources(
                                kafka.metricsSource(
                                        new CrashingDeserializer(parse, prefix, crashPlan)),
                                real.policies(),
                                real.actuationResults());
        return new AutoscalerPipeline(sources, kafka.sinks(), conf).executeAsync(env);
    }

    private static List<ScalingCommand> commands(
            String topic, Predicate<List<ScalingCommand>> done) {
        List<String> raw =
                KAFKA.readUntil(
                        topic,
                        true,
                        v ->
                                done.test(
                                        v.stream()
                                                .map(s -> Json.fromString(s, ScalingCommand.class))
                                                .toList()),
                        WAIT);
        return raw.stream().map(s -> Json.fromString(s, ScalingCommand.class)).toList();
    }

    /**
     * The committed events' ids, once every command's event and at least {@code atLeast} events are
     * among them and three seconds brought no more.
     */
    private static List<String> eventIds(String topic, List<ScalingCommand> commands, int atLeast) {
        List<String> ids = commands.stream().map(ScalingCommand::commandId).toList();
        int[] seen = {-1};
        long[] since = {System.nanoTime()};
        return KAFKA
                .readUntil(
                        topic,
                        true,
                        v -> {
                            if (v.size() != seen[0]) {
                                seen[0] = v.size();
                                since[0] = System.nanoTime();
                            }
                            return v.size() >= atLeast
                                    && System.nanoTime() - since[0] > 3_000_000_000L
                                    && v.stream()
                                            .map(
                                                    s ->
                                                            Json.fromString(s, ScalingEvent.class)
                                                                    .commandId())
                                            .toList()
                                            .containsAll(ids);
                        },
                        WAIT)
                .stream()
                .map(s -> Json.fromString(s, ScalingEvent.class).eventId())
                .toList();
    }
}
