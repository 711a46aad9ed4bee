package io.waddle.autoscaler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.waddle.autoscaler.jobs.cli.Cli;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./autoscaler soak}: its flags and the run ({@link Soak}). */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The real job on a Kafka broker process and a MiniCluster, overloaded: below its"
                    + " sustainable rate, then a multiple of it for minutes, then below it again"
                    + " until the backlog is gone. Reports latency, throughput and checkpoints per"
                    + " phase, memory, restarts, and every decision lost or duplicated."
        })
public final class SoakCommand implements Callable<Integer> {
    @Option(
            names = "--services",
            defaultValue = "10000",
            description = "Service keys (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(
            names = "--instances",
            defaultValue = "2",
            description = "Instances per service at the start (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(
            names = "--sustainable-rate",
            defaultValue = "9400",
            paramLabel = "SAMPLES/S",
            description =
                    "What the job sustains here: `bench throughput` at 10,000 services on this"
                            + " machine (BENCHMARKS.md) (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--overload",
            defaultValue = "2",
            description = "The overload, times the sustainable rate (default: ${DEFAULT-VALUE}).")
    double overload;

    @Option(
            names = "--calm",
            defaultValue = "0.5",
            description =
                    "Before and after the overload, times the sustainable rate (default:"
                            + " ${DEFAULT-VALUE}).")
    double calm;

    @Option(
            names = "--warm-up",
            defaultValue = "30",
            paramLabel = "S",
            description =
                    "Seconds at the calm rate first, while the job starts up; not part of the"
                            + " before figures (default: ${DEFAULT-VALUE}).")
    long warmUpSeconds;

    @Option(
            names = "--before",
            defaultValue = "60",
            paramLabel = "S",
            description = "Seconds before the overload (default: ${DEFAULT-VALUE}).")
    long beforeSeconds;

    @Option(
            names = "--overload-seconds",
            defaultValue = "300",
            paramLabel = "S",
            description = "Seconds of overload (default: ${DEFAULT-VALUE}).")
    long overloadSeconds;

    @Option(
            names = "--after",
            defaultValue = "900",
            paramLabel = "S",
            description =
                    "Seconds after the overload, at the calm rate (default: ${DEFAULT-VALUE}).")
    long afterSeconds;

    @Option(
            names = "--drain-limit",
            defaultValue = "600",
            paramLabel = "S",
            description =
                    "Seconds after the last phase by which every decision must have come"
                            + " (default: ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "500",
            paramLabel = "MS",
            description = "Exactly-once checkpoints, ms (default: ${DEFAULT-VALUE}, flink-conf's).")
    long checkpointMs;

    @Override
    public Integer call() throws Exception {
        for (double n :
                new double[] {
                    services,
                    instances,
                    rate,
                    overload,
                    calm,
                    warmUpSeconds,
                    beforeSeconds,
                    overloadSeconds,
                    afterSeconds,
                    drainSeconds,
                    checkpointMs
                }) {
            if (!(n > 0) || Double.isInfinite(n)) {
                throw new IllegalArgumentException("every flag of soak must be a number > 0");
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Soak.Phase> phases =
                List.of(
                        new Soak.Phase("warm-up", calm * rate, Duration.ofSeconds(warmUpSeconds)),
                        new Soak.Phase("before", calm * rate, Duration.ofSeconds(beforeSeconds)),
                        new Soak.Phase(
                                "overload", overload * rate, Duration.ofSeconds(overloadSeconds)),
                        new Soak.Phase("after", calm * rate, Duration.ofSeconds(afterSeconds)));
        Map<String, Object> r =
                new Soak(
                                services,
                                instances,
                                phases,
                                Duration.ofSeconds(drainSeconds),
                                Duration.ofMillis(checkpointMs),
                                Path.of("target", "soak"))
                        .run(out);
        String text =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        out.println(text);
        boolean clean =
                ((Number) r.get("decisionsLost")).longValue() == 0
                        && ((Number) r.get("decisionsDuplicated")).longValue() == 0
                        && ((Number) r.get("jobRestarts")).longValue() == 0;
        if (!clean) {
            out.println("soak: FAILED (decisions lost or duplicated, or the job restarted)");
        }
        return clean ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler soak", new SoakCommand(), args));
    }
}
