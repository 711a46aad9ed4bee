package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.CliRun;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job takes a policy published with {@code ./autoscaler policy publish}: a lower max
 * governs the next evaluation, without a restart, and the commands follow. An invalid policy
 * published in between is rejected with an event, and the previous one keeps working.
 */
class LivePolicyIntegrationTest {
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

    @TempDir Path dir;

    @Test
    void aPublishedLowerMaxChangesTheNextCommandAndAnInvalidPolicyIsRejected() throws Exception {
        KAFKA.createTopics(JobTopics.names(""));
        JobClient job = start();

        // 0..90 s: 4 instances at 90 % -> scale_up 4->6 under the job's own options.
        KAFKA.produce("m", SampleBuilder.fleet(START, 0, 90, 4, 90), START.plusSeconds(90));
        ScalingCommand first = commands(1).get(0);
        assertThat(first.to()).isEqualTo(6);
        // The actuator applies it and says so: the service is no longer locked.
        KAFKA.produce(
                "r",
                List.of(Json.toString(ActuationResult.applied(first, START.plusSeconds(90)))),
                START.plusSeconds(90));

        // A policy capping chat-api at 5, published with the job's verdict awaited, then a broken
        // version 2 of it.
        CliRun published =
                policy(
                        "publish",
                        write("cap.json", policy(1, "\"compute\":{\"max_instances\":5}")),
                        "--wait",
                        "60",
                        "--events-topic",
                        "pe");
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.out()).contains("the job: ").contains("cap version 1 ACCEPTED");
        assertThat(
                        policy(
                                        "validate",
                                        write(
                                                "bad.json",
                                                policy(
                                                        2,
                                                        "\"compute\":{\"min_instances\":9,"
                                                                + "\"max_instances\":5}")))
                                .exit())
                .isEqualTo(1);
        KAFKA.produce(
                "p",
                List.of(policy(2, "\"compute\":{\"min_instances\":9,\"max_instances\":5}")),
                START,
                "cap");
        List<PolicyEvent> policyEvents = policyEvents(2);
        assertThat(policyEvents)
                .extracting(PolicyEvent::outcome)
                .containsExactly("ACCEPTED", "REJECTED");
        assertThat(policyEvents.get(1).field()).isEqualTo("compute.min_instances");

        // A pause in the metrics longer than their idleness timeout (2 s here) is part of the
        // scenario, not a wait: it must not advance event time, so the scaler keeps its target 6.
        TimeUnit.SECONDS.sleep(5);

        // 120..210 s: 6 instances within tolerance; the first window after the policy scales down
        // to 5.
        KAFKA.produce("m", SampleBuilder.fleet(START, 120, 210, 6, 70), START.plusSeconds(210));
        List<ScalingCommand> all;
        try {
            all = commands(2);
        } catch (AssertionError e) {
            try {
                KAFKA.readUntil("e", false, l -> l.size() > 10_000, Duration.ofSeconds(5));
            } catch (AssertionError events) {
                // Its message lists every event read: what the job decided instead.
                e.addSuppressed(events);
            }
            throw e;
        }
        ScalingCommand capped = all.get(1);
        assertThat(capped.action()).isEqualTo("scale_down");
        assertThat(capped.to()).isEqualTo(5);
        assertThat(capped.reason()).isEqualTo("ABOVE_MAX_INSTANCES");
        assertThat(capped.decidedAt())
                // the first evaluation after the policy: the window that phase 2's samples close
                .isEqualTo(START.plusSeconds(90));

        ScalingEvent decided =
                KAFKA
                        .readUntil(
                                "e",
                                true,
                                e -> e.stream().anyMatch(s -> s.contains(capped.commandId())),
                                WAIT)
                        .stream()
                        .map(s -> Json.fromString(s, ScalingEvent.class))
                        .filter(e -> capped.commandId().equals(e.commandId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(decided.policyId()).isEqualTo("cap");
        assertThat(decided.policyVersion()).isEqualTo(1);
        job.cancel().get();
    }

    private JobClient start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        JobTopics.configure(conf, "");
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.IDLENESS, Duration.ofSeconds(2));
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "live-policy");
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    private CliRun policy(String command, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of(command, file.toString()));
        args.addAll(List.of(more));
        if (!command.equals("validate")) {
            args.addAll(List.of("--bootstrap", KAFKA.bootstrapServers(), "--topic", "p"));
        }
        return CliRun.of("autoscaler policy", new PolicyCli(), args.toArray(String[]::new));
    }

    private Path write(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private static String policy(long version, String body) {
        return "{\"schema_version\":1,\"policy_id\":\"cap\",\"version\":"
                + version
                + ",\"applies_to\":{\"service\":\"chat-api\"},"
                + body
                + "}";
    }

    private static List<ScalingCommand> commands(int n) {
        return KAFKA.readUntil("c", true, c -> c.size() >= n, WAIT).stream()
                .map(s -> Json.fromString(s, ScalingCommand.class))
                .toList();
    }

    private static List<PolicyEvent> policyEvents(int n) {
        return KAFKA.readUntil("pe", true, c -> c.size() >= n, WAIT).stream()
                .map(s -> Json.fromString(s, PolicyEvent.class))
                .toList();
    }
}
