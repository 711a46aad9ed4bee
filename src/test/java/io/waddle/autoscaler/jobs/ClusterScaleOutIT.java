package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a standalone Flink 2.3 cluster of two TaskManager processes (one slot each):
 * at parallelism 2, with a coordinator per region ({@code autoscaler.coordinator.scope region}),
 * its subtasks run in both, and it decides exactly as the same jar at parallelism 1 with one
 * coordinator for the platform on the same input: every window's decision alike, and every command,
 * in the same order within each region.
 *
 * <pre>
 * input    24 compute services in 4 regions, 3 instances each, a sample every 5 s for 10 minutes,
 *          CPU waving between 20 % and 95 % with a phase per service; the metrics topic has two
 *          partitions, keyed by service and region
 * compared every decision and command for windows that event time closes (the last minute, which
 *          only the wall-clock timeout decides at the end of the input, is left out)
 * </pre>
 */
class ClusterScaleOutIT {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final int SERVICES = 6;
    private static final int REGIONS = 4;
    private static final int SECONDS = 600;
    private static final Instant COMPARED_UNTIL = START.plusSeconds(SECONDS - 60);

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir Path dir;

    @Test
    void parallelismTwoWithACoordinatorPerRegionDecidesAsParallelismOne() throws Exception {
        KAFKA.createTopics(2, "m");
        KAFKA.createTopics("c1", "e1", "c2", "e2", "d", "p", "pe", "r", "a");
        KAFKA.produceKeyed("m", samples(), START.plusSeconds(SECONDS));
        int windows = (int) (Duration.between(START, COMPARED_UNTIL).toSeconds() / 15);
        int expected = SERVICES * REGIONS * windows;

        try (StandaloneFlinkCluster flink = new StandaloneFlinkCluster(dir, 2, 1)) {
            flink.start();

            assertThat(flink.flinkRun(jar(), 2, args("2"))).as(flink.log("flink-run")).isZero();
            String parallel = flink.jobIds().get(0);
            Map<String, String> eventsAtTwo = decisions("e2", expected);
            assertThat(flink.taskManagersOf(parallel))
                    .as("the job's subtasks run in both TaskManagers")
                    .hasSize(2);
            List<String> commandsAtTwo = commands("c2");
            flink.cancel(parallel);

            assertThat(flink.flinkRun(jar(), 1, args("1"))).as(flink.log("flink-run")).isZero();
            Map<String, String> eventsAtOne = decisions("e1", expected);
            List<String> commandsAtOne = commands("c1");

            assertThat(eventsAtTwo).hasSize(expected);
            assertThat(eventsAtTwo).containsExactlyEntriesOf(eventsAtOne);
            assertThat(commandsAtOne).as("some services scale in the input").hasSizeGreaterThan(5);
            assertThat(commandsAtTwo).containsExactlyInAnyOrderElementsOf(commandsAtOne);
            assertThat(byRegion(commandsAtTwo)).isEqualTo(byRegion(commandsAtOne));
        }
    }

    /** Each region's commands, in the order they were issued. */
    private static Map<String, List<String>> byRegion(List<String> commands) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String c : commands) {
            String region = c.split(" ")[1].split("/")[1];
            out.computeIfAbsent(region, r -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private static String key(int s, int r) {
        return "svc-" + s + "/region-" + r;
    }

    /** Every service's samples, in time order across services, keyed by service and region. */
    private static List<Map.Entry<String, String>> samples() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int t = 0; t < SECONDS; t += 5) {
            for (int s = 0; s < SERVICES; s++) {
                for (int r = 0; r < REGIONS; r++) {
                    double cpu = 57.5 + 37.5 * Math.sin(2 * Math.PI * t / 300.0 + s + 2 * r);
                    for (int i = 0; i < 3; i++) {
                        out.add(
                                Map.entry(
                                        key(s, r),
                                        SampleBuilder.compute("svc-" + s, "region-" + r)
                                                .instance("i-" + i)
                                                .at(START.plusSeconds(t))
                                                .cpu(cpu)
                                                .memory(40)
                                                .rps(20 + cpu)
                                                .json()));
                    }
                }
            }
        }
        return out;
    }

    private static Path jar() {
        return Path.of("target", "waddle-autoscaler.jar").toAbsolutePath();
    }

    private static List<String> args(String run) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--autoscaler.kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                                "--autoscaler.kafka.group-id", "scale-out-" + run,
                                "--autoscaler.kafka.transactional-id-prefix", "scale-out-" + run,
                                "--autoscaler.topics.metrics", "m",
                                "--autoscaler.topics.commands", "c" + run,
                                "--autoscaler.topics.events", "e" + run,
                                "--autoscaler.topics.dead-letters", "d",
                                "--autoscaler.topics.policies", "p",
                                "--autoscaler.topics.policy-events", "pe",
                                "--autoscaler.topics.actuation-results", "r",
                                "--autoscaler.topics.alerts", "a",
                                "--autoscaler.kafka.starting-offsets", "earliest",
                                "--execution.checkpointing.interval", "1s",
                                // Compared: what event time decides. A window is decided on the
                                // wall clock only once event time has stood still this long,
                                // which a loaded machine's pauses must not reach.
                                "--autoscaler.window.decision-timeout", "30s",
                                "--pipeline.generic-types", "false"));
        if (run.equals("2")) {
            args.addAll(List.of("--autoscaler.coordinator.scope", "region"));
        }
        return args;
    }

    /** Each compared window's decision, by service/region and time. */
    private static Map<String, String> decisions(String topic, int expected) {
        Map<String, String> byWindow = new TreeMap<>();
        KAFKA.readUntil(
                topic,
                true,
                values -> {
                    byWindow.clear();
                    for (String v : values) {
                        ScalingEvent e = Json.fromString(v, ScalingEvent.class);
                        if (!e.decidedAt().isAfter(COMPARED_UNTIL)) {
                            byWindow.put(
                                    e.serviceRegionKey() + " " + e.decidedAt(),
                                    e.outcome()
                                            + " "
                                            + e.action()
                                            + " "
                                            + e.from()
                                            + "->"
                                            + e.to()
                                            + " "
                                            + e.reason()
                                            + ": "
                                            + e.detail());
                        }
                    }
                    return byWindow.size() >= expected;
                },
                Duration.ofMinutes(2));
        return byWindow;
    }

    /** The commands for the compared windows, in the order they were issued. */
    private static List<String> commands(String topic) {
        List<String> out = new ArrayList<>();
        // The events of those windows are in; their commands commit on the same checkpoint.
        long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (String v :
                KAFKA.readUntil(
                        topic, true, c -> System.nanoTime() > quiet, Duration.ofSeconds(30))) {
            ScalingCommand c = Json.fromString(v, ScalingCommand.class);
            if (!c.decidedAt().isAfter(COMPARED_UNTIL)) {
                out.add(
                        c.commandId()
                                + " "
                                + c.service()
                                + "/"
                                + c.region()
                                + " "
                                + c.decidedAt()
                                + " "
                                + c.action()
                                + " "
                                + c.from()
                                + "->"
                                + c.to());
            }
        }
        return out;
    }
}
