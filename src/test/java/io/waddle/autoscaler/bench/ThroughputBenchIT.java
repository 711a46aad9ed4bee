package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./autoscaler bench throughput} at a size CI can run: the real job (Kafka broker process,
 * MiniCluster, RocksDB, exactly-once checkpoints) must keep up with 2,000 services and bring every
 * decision, once, and commands on the closed loop. It asserts what arrives, never how fast: the
 * speed is the benchmark's, in BENCHMARKS.md. The same on a standalone cluster of two TaskManager
 * processes ({@code --cluster 2}): the packaged jar, submitted with {@code flink run}, instances
 * reporting every 5 s.
 */
class ThroughputBenchIT {
    private static final int SERVICES = 2_000;
    private static final int STEPS = 10;

    @TempDir Path dir;

    @Test
    void theJobKeepsUpWithTwoThousandServicesAndEveryDecisionArrivesOnce() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Object> r =
                new ThroughputBench(
                                SERVICES,
                                2,
                                STEPS,
                                10,
                                Duration.ofMillis(500),
                                Duration.ofMinutes(4),
                                dir,
                                Map.of())
                        .run(new PrintStream(log, true, StandardCharsets.UTF_8));

        long expected = (long) SERVICES * (STEPS - 1);
        assertThat(r.get("decisions")).as(log.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(r.get("decisionsSeen")).isEqualTo(expected);
        assertThat(r.get("servicesWithEveryDecisionOnce")).isEqualTo((long) SERVICES);
        assertThat((int) r.get("commandsOfThroughputRun")).isPositive();
        assertThat((long) r.get("commandsMeasured")).isPositive();
    }

    @Test
    void onTwoTaskManagerProcessesThePackagedJarKeepsUpAndEveryDecisionArrivesOnce()
            throws Exception {
        int services = 500;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Object> r =
                new ThroughputBench(
                                services,
                                2,
                                STEPS,
                                10,
                                Duration.ofMillis(500),
                                Duration.ofMinutes(4),
                                dir,
                                Map.of())
                        .onCluster(2, Path.of("target", "waddle-autoscaler.jar"))
                        .reportingEvery(Duration.ofSeconds(5))
                        .run(new PrintStream(log, true, StandardCharsets.UTF_8));

        String why = log.toString(StandardCharsets.UTF_8);
        assertThat(r.get("parallelism")).as(why).isEqualTo(2);
        // Every instance reports three times a step.
        assertThat(r.get("backlogSamples")).isEqualTo((long) services * 2 * 3 * STEPS);
        assertThat(r.get("decisionsSeen")).isEqualTo((long) services * (STEPS - 1));
        assertThat(r.get("servicesWithEveryDecisionOnce")).isEqualTo((long) services);
        assertThat((long) r.get("commandsMeasured")).isPositive();
    }
}
