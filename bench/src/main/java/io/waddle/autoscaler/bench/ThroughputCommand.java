package io.waddle.autoscaler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.waddle.autoscaler.jobs.cli.Cli;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./autoscaler bench throughput}: its flags and the run ({@link ThroughputBench}). */
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The real job on a Kafka broker process and a MiniCluster: its throughput against a"
                    + " pass-through job on the same source, parser and sink, its decision latency,"
                    + " and its state per service."
        })
public final class ThroughputCommand implements Callable<Integer> {
    @Option(
            names = "--services",
            defaultValue = "10000",
            description = "Service keys (service and region) (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(
            names = "--regions",
            defaultValue = "1",
            description =
                    "Regions the services are spread over, one platform (default:"
                            + " ${DEFAULT-VALUE}).")
    int regions;

    @Option(
            names = "--instances",
            defaultValue = "2",
            description = "Instances per service at the start (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(
            names = "--sample-interval",
            defaultValue = "15",
            paramLabel = "S",
            description =
                    "Seconds between two samples of an instance: 1, 3, 5 or 15 (default:"
                            + " ${DEFAULT-VALUE}, one a window slide).")
    int sampleSeconds;

    @Option(
            names = "--steps",
            defaultValue = "30",
            description =
                    "15-second steps of backlog for the throughput runs (default:"
                            + " ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--latency-seconds",
            defaultValue = "30",
            paramLabel = "S",
            description =
                    "How long the paced, closed-loop latency run lasts (default:"
                            + " ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1000",
            paramLabel = "MS",
            description =
                    "Exactly-once checkpoints, ms: a command is visible to read_committed consumers"
                            + " when its checkpoint completes (default: ${DEFAULT-VALUE}).")
    long checkpointMs;

    @Option(
            names = "--time-limit",
            defaultValue = "300",
            paramLabel = "S",
            description =
                    "Seconds the whole run may take; past it, or after a minute with no progress,"
                            + " it stops with what the job had done (default: ${DEFAULT-VALUE}).")
    long timeLimitSeconds;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A Flink or autoscaler option for the job, over the benchmark's own (for"
                        + " example execution.checkpointing.unaligned.enabled=true); repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--profile",
            paramLabel = "FILE.jfr",
            description =
                    "Record the autoscaler's run with Java Flight Recorder (CPU samples) to FILE;"
                            + " `bench flamegraph` draws it.")
    Path profile;

    @Option(
            names = "--cluster",
            paramLabel = "N",
            description =
                    "Run the autoscaler from its packaged jar on a standalone Flink cluster of N"
                            + " TaskManager processes (one slot each) at parallelism N, instead of"
                            + " the MiniCluster; the pass-through stays on the MiniCluster.")
    Integer cluster;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        for (long n :
                new long[] {
                    services,
                    regions,
                    instances,
                    steps,
                    latencySeconds,
                    checkpointMs,
                    timeLimitSeconds
                }) {
            if (n <= 0) {
                throw new IllegalArgumentException(
                        "--services, --regions, --instances, --steps, --latency-seconds,"
                                + " --checkpoint-interval and --time-limit must be > 0");
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ThroughputBench bench =
                new ThroughputBench(
                        services,
                        instances,
                        steps,
                        latencySeconds,
                        Duration.ofMillis(checkpointMs),
                        Duration.ofSeconds(timeLimitSeconds),
                        Path.of("target", "bench-throughput"),
                        settings);
        if (profile != null) {
            bench.profileTo(profile);
        }
        bench.inRegions(regions).reportingEvery(Duration.ofSeconds(sampleSeconds));
        if (cluster != null) {
            if (cluster < 1 || cluster > 8) {
                throw new IllegalArgumentException("--cluster must be in [1, 8]: " + cluster);
            }
            if (profile != null) {
                throw new IllegalArgumentException(
                        "--profile records this JVM; with --cluster the job runs in the"
                                + " TaskManagers' processes");
            }
            bench.onCluster(cluster, Path.of("target", "waddle-autoscaler.jar"));
        }
        Map<String, Object> r = bench.run(out);
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(r));
        } else {
            r.forEach((k, v) -> out.printf(Locale.ROOT, "%-34s %s%n", k, v));
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler bench throughput", new ThroughputCommand(), args));
    }
}
