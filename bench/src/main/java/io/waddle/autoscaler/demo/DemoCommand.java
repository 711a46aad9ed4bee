package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.jobs.cli.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./autoscaler demo}: its flags, checked, and the run. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the autoscaler on one machine: a real Kafka broker, the Flink job on a"
                + " MiniCluster, and a simulated platform that replays a real request-rate trace,"
                + " turns it into metric samples, and applies the job's commands after a"
                + " provisioning delay. The platform advances in lock step with the job's"
                + " decisions, so that a run's figures do not depend on how busy the machine is."
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--minutes",
            defaultValue = "180",
            description = "Simulated minutes to run (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--start",
            defaultValue = "1998-06-25 13:30",
            paramLabel = "YYYY-MM-DD HH:MM",
            description =
                    "Where in the trace to begin, UTC (default: ${DEFAULT-VALUE}, a World Cup match"
                            + " day: load rises about sixfold and falls back).")
    String start;

    @Option(
            names = "--speedup",
            defaultValue = "60",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(
            names = "--provisioning-delay",
            defaultValue = "120",
            paramLabel = "S",
            description = "Seconds before a new instance serves (default: ${DEFAULT-VALUE}).")
    int provisioningDelay;

    @Option(
            names = "--drain-time",
            defaultValue = "60",
            paramLabel = "S",
            description = "Seconds a removed instance keeps costing (default: ${DEFAULT-VALUE}).")
    int drainTime;

    @Option(
            names = "--peak-instances",
            defaultValue = "60",
            description =
                    "Instance capacity is set so that the trace's 99.9th-percentile load needs N"
                            + " instances at 100 % utilization (default: ${DEFAULT-VALUE}).")
    int peakInstances;

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description =
                    "CSV of timestamp,count to replay (default: the bundled World Cup 98"
                            + " requests-per-minute trace).")
    Path trace;

    @Option(
            names = "--view-every",
            defaultValue = "5",
            paramLabel = "M",
            description =
                    "Print the live view every M simulated minutes (default: ${DEFAULT-VALUE}).")
    int viewEvery;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description =
                    "Flink parallelism of the job (default: ${DEFAULT-VALUE}; the tests run it at"
                            + " 2).")
    int parallelism;

    @Option(
            names = "--seed",
            defaultValue = "1998",
            description = "Seed of the metric noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--work-dir",
            defaultValue = "target/demo",
            paramLabel = "DIR",
            description = "Where Kafka data, checkpoints and logs go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--services",
            defaultValue = "all",
            paramLabel = "all|compute",
            description =
                    "all: every kind (compute chat-api, WebRTC media-relay, database chat-db, cache"
                            + " sessions-cache) in eu-west, us-east and ap-south; compute: chat-api"
                            + " only (default: ${DEFAULT-VALUE}).")
    String services;

    @Option(
            names = "--global-max",
            defaultValue = "",
            paramLabel = "SPEC",
            description =
                    "Services' totals across regions, e.g. media-relay=20: the coordinator places"
                            + " capacity where the demand is, largest first, and rebalances"
                            + " (default: no global limits).")
    String globalMax;

    @Option(
            names = "--influx",
            defaultValue = "http://127.0.0.1:8086",
            paramLabel = "URL|none",
            description =
                    "InfluxDB 1.x to copy decisions, alerts and utilization to when it answers"
                            + " there; none: off (default: ${DEFAULT-VALUE}).")
    String influx;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "Run on this Kafka broker instead of one of the demo's own, with topics,"
                            + " consumer groups and transactional ids of the run's own"
                            + " (waddle-demo-<time>).")
    String bootstrap = "";

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description =
                    "Kafka client properties for --bootstrap (e.g. security.protocol=SASL_SSL),"
                            + " for every client of the demo and the job.")
    Path commandConfig;

    @Option(
            names = "--property",
            paramLabel = "KEY=VALUE",
            description = "One Kafka client property for --bootstrap; may repeat.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The flags, checked; a bad value is a parameter error naming its flag. */
    DemoOptions options() {
        positive("--minutes", minutes);
        positive("--peak-instances", peakInstances);
        positive("--view-every", viewEvery);
        positive("--parallelism", parallelism);
        atLeastZero("--provisioning-delay", provisioningDelay);
        atLeastZero("--drain-time", drainTime);
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw bad("--speedup must be > 0; got " + speedup);
        }
        if (!services.equals("all") && !services.equals("compute")) {
            throw bad("--services is all or compute; got " + services);
        }
        try {
            CoordinatorConfig.parseGlobalMax(globalMax);
        } catch (IllegalArgumentException e) {
            throw bad("--global-max: " + e.getMessage());
        }
        if (!influx.equals("none") && !influx.matches("https?://[^\\s/]+(/.*)?")) {
            throw bad("--influx is an http(s) URL or none; got " + influx);
        }
        if (bootstrap.isEmpty() && (commandConfig != null || !properties.isEmpty())) {
            throw bad("--command-config and --property are for a broker given by --bootstrap");
        }
        Map<String, String> kafka = new LinkedHashMap<>();
        if (commandConfig != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw bad("--command-config " + commandConfig + ": cannot read it (" + e + ")");
            }
            p.stringPropertyNames().forEach(k -> kafka.put(k, p.getProperty(k)));
        }
        kafka.putAll(properties);
        try {
            return new DemoOptions(
                    minutes,
                    DemoOptions.parseStart(start),
                    speedup,
                    Duration.ofSeconds(provisioningDelay),
                    Duration.ofSeconds(drainTime),
                    peakInstances,
                    trace,
                    viewEvery,
                    parallelism,
                    seed,
                    workDir,
                    services.equals("all"),
                    globalMax,
                    influx.equals("none") ? "" : influx,
                    bootstrap,
                    commandConfig,
                    kafka);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        return new Demo(options(), out).run();
    }

    private void positive(String flag, long n) {
        if (n <= 0) {
            throw bad(flag + " must be > 0; got " + n);
        }
    }

    private void atLeastZero(String flag, long n) {
        if (n < 0) {
            throw bad(flag + " must be >= 0; got " + n);
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(
                spec != null ? spec.commandLine() : new picocli.CommandLine(this), message);
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler demo", new DemoCommand(), args));
    }
}
