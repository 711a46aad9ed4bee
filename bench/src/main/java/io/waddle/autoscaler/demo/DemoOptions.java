package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The demo's flags. {@link #USAGE} documents every one. */
public record DemoOptions(
        int minutes,
        Instant start,
        double speedup,
        Duration provisioningDelay,
        Duration drainTime,
        int peakInstances,
        Path trace,
        int viewEveryMinutes,
        int parallelism,
        long seed,
        Path workDir,
        boolean allKinds,
        String globalMax,
        String influx,
        boolean help) {

    static final DateTimeFormatter START_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static final String USAGE =
            """
            Usage: ./autoscaler demo [flags]

            Runs the autoscaler on one machine: a real Kafka broker, the Flink job on a MiniCluster, and
            a simulated platform that replays a real request-rate trace, turns it into metric samples,
            and applies the job's commands after a provisioning delay.

            Flags:
              --minutes N              simulated minutes to run (default 180)
              --start "YYYY-MM-DD HH:MM"
                                       where in the trace to begin, UTC (default "1998-06-25 13:30",
                                       a World Cup match day: load rises ~6x and falls back)
              --speedup X              simulated seconds per wall-clock second (default 60)
              --provisioning-delay S   seconds before a new instance serves (default 120)
              --drain-time S           seconds a removed instance keeps costing (default 60)
              --peak-instances N       instance capacity is set so that the trace's 99.9th-percentile
                                       load needs N instances at 100 % utilization (default 60)
              --trace FILE             CSV of timestamp,count to replay (default: the bundled World
                                       Cup 98 requests-per-minute trace)
              --view-every M           print the live view every M simulated minutes (default 5)
              --parallelism N          Flink parallelism of the job (default 2)
              --seed N                 seed of the metric noise (default 1998)
              --work-dir DIR           where Kafka data, checkpoints and logs go (default target/demo)
              --services all|compute   all: every kind (compute chat-api, WebRTC media-relay, database
                                       chat-db, cache sessions-cache) in eu-west, us-east and
                                       ap-south (default); compute: chat-api only
              --global-max SPEC        services' totals across regions, e.g. media-relay=20: the
                                       coordinator places capacity where the demand is, largest
                                       first, and rebalances (default: no global limits)
              --influx URL             InfluxDB 1.x to copy decisions, alerts and utilization to when
                                       it answers there (default http://127.0.0.1:8086; none: off)
              --help                   print this and exit
            """;

    public static DemoOptions parse(String[] args) {
        int minutes = 180;
        Instant start = parseStart("1998-06-25 13:30");
        double speedup = 60;
        Duration provisioning = Duration.ofSeconds(120);
        Duration drain = Duration.ofSeconds(60);
        int peak = 60;
        Path trace = null;
        int viewEvery = 5;
        int parallelism = 2;
        long seed = 1998;
        Path workDir = Path.of("target", "demo");
        boolean allKinds = true;
        String globalMax = "";
        String influx = "http://127.0.0.1:8086";
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value (see --help)");
            }
            String v = args[++i];
            switch (flag) {
                case "--minutes" -> minutes = positiveInt(flag, v);
                case "--start" -> start = parseStart(v);
                case "--speedup" -> speedup = positiveDouble(flag, v);
                case "--provisioning-delay" ->
                        provisioning = Duration.ofSeconds(nonNegativeInt(flag, v));
                case "--drain-time" -> drain = Duration.ofSeconds(nonNegativeInt(flag, v));
                case "--peak-instances" -> peak = positiveInt(flag, v);
                case "--trace" -> trace = Path.of(v);
                case "--view-every" -> viewEvery = positiveInt(flag, v);
                case "--parallelism" -> parallelism = positiveInt(flag, v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--work-dir" -> workDir = Path.of(v);
                case "--services" -> {
                    if (!v.equals("all") && !v.equals("compute")) {
                        throw new IllegalArgumentException(
                                "--services is all or compute; got " + v);
                    }
                    allKinds = v.equals("all");
                }
                case "--global-max" -> {
                    try {
                        CoordinatorConfig.parseGlobalMax(v);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--global-max: " + e.getMessage());
                    }
                    globalMax = v;
                }
                case "--influx" -> {
                    if (!v.equals("none") && !v.matches("https?://[^\\s/]+(/.*)?")) {
                        throw new IllegalArgumentException(
                                "--influx is an http(s) URL or none; got " + v);
                    }
                    influx = v.equals("none") ? "" : v;
                }
                default ->
                        throw new IllegalArgumentException(
                                "unknown flag " + flag + " (see --help)");
            }
        }
        return new DemoOptions(
                minutes,
                start,
                speedup,
                provisioning,
                drain,
                peak,
                trace,
                viewEvery,
                parallelism,
                seed,
                workDir,
                allKinds,
                globalMax,
                influx,
                help);
    }

    private static Instant parseStart(String v) {
        try {
            return LocalDateTime.parse(v, START_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must look like \"1998-06-25 13:30\"; got \"" + v + "\"");
        }
    }

    private static int positiveInt(String flag, String v) {
        int n = parseInt(flag, v);
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be > 0; got " + v);
        }
        return n;
    }

    private static int nonNegativeInt(String flag, String v) {
        int n = parseInt(flag, v);
        if (n < 0) {
            throw new IllegalArgumentException(flag + " must be >= 0; got " + v);
        }
        return n;
    }

    private static int parseInt(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number; got " + v);
        }
    }

    private static double positiveDouble(String flag, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(flag + " must be > 0; got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number; got " + v);
        }
    }
}
