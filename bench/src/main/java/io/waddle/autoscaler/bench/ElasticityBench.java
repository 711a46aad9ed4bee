package io.waddle.autoscaler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.waddle.autoscaler.bench.autoscalers.WaddleJobModel;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.jobs.cli.Cli;
import io.waddle.autoscaler.sim.Trace;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./autoscaler bench elasticity}: one autoscaler on one trace ({@code --trace}, {@code
 * --autoscaler}, {@code --json}), or every autoscaler on every shipped trace ({@code --all}, which
 * rewrites BENCHMARKS.md's tables and the charts).
 */
@Command(
        name = "elasticity",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A deterministic closed-loop simulation of one platform service replaying a"
                    + " request-rate trace, scaled by an autoscaler that sees only per-step"
                    + " metrics. Prints the instance-hours and SLO-violation minutes against the"
                    + " HPA, the SPEC RG elasticity metrics and the cost."
        })
public final class ElasticityBench implements Callable<Integer> {
    private static final DateTimeFormatter SPAN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler bench elasticity", new ElasticityBench(), args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BenchSettings settings = settings();
        check();
        if (all) {
            new ElasticityReport(settings, outDir).writeAll(traces, out);
            return 0;
        }
        Trace trace = Trace.named(traces.get(0).toString());
        Instant from = start != null ? time("--start", start) : trace.start();
        Instant to = end != null ? time("--end", end) : trace.end();
        String name = traces.get(0).toString();
        Map<String, Object> result =
                kind != ServiceKind.COMPUTE
                        ? runKind(trace, name, kind, autoscaler, settings, from, to)
                        : engine == Engine.FLINK
                                ? runOnFlink(trace, name, settings, from, to)
                                : runOne(trace, name, autoscaler, settings, from, to);
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(result));
        } else {
            result.forEach(
                    (k, v) ->
                            out.printf(
                                    Locale.ROOT,
                                    "%-22s %s%n",
                                    k,
                                    v instanceof Double d ? format(d) : v));
        }
        return 0;
    }

    /** One autoscaler's figures on one trace and span, with its elastic speedup against hpa. */
    public static Map<String, Object> runOne(
            Trace trace,
            String traceName,
            String autoscaler,
            BenchSettings s,
            Instant start,
            Instant end) {
        ElasticityEngine engine = new ElasticityEngine(trace, s);
        ElasticityEngine.Run run =
                engine.run(Autoscalers.create(autoscaler, engine, s, start, end), start, end);
        return result(engine, traceName, "direct", run, s, start, end);
    }

    /**
     * A WebRTC, database or cache service's figures, in its units. No elastic speedup: the
     * baselines here (static-peak, oracle) are never short, which the speedup's ratios cannot
     * weigh.
     */
    public static Map<String, Object> runKind(
            Trace trace,
            String traceName,
            ServiceKind kind,
            String autoscaler,
            BenchSettings s,
            Instant start,
            Instant end) {
        ElasticityEngine.Run run =
                new KindElasticityEngine(trace, s, kind).run(autoscaler, start, end);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("trace", traceName);
        result.put("kind", kind.wireName());
        result.put("autoscaler", run.autoscaler());
        result.put("start", start.toString());
        result.put("end", end.toString());
        result.putAll(run.figures());
        return result;
    }

    /** waddle as the real job, with the elastic speedup against the (direct) hpa. */
    static Map<String, Object> runOnFlink(
            Trace trace, String traceName, BenchSettings s, Instant start, Instant end)
            throws Exception {
        ElasticityEngine engine = new ElasticityEngine(trace, s);
        ElasticityEngine.Run run;
        try (WaddleJobModel job =
                WaddleModel.onFlink(Path.of("target", "bench-flink").toAbsolutePath(), s)) {
            run = engine.run(job, start, end);
        }
        return result(engine, traceName, "flink", run, s, start, end);
    }

    private static Map<String, Object> result(
            ElasticityEngine engine,
            String traceName,
            String engineName,
            ElasticityEngine.Run run,
            BenchSettings s,
            Instant start,
            Instant end) {
        ElasticityEngine.Run hpa =
                run.autoscaler().equals("hpa")
                        ? run
                        : engine.run(Autoscalers.create("hpa", engine, s, start, end), start, end);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("trace", traceName);
        result.put("autoscaler", run.autoscaler());
        result.put("engine", engineName);
        result.put("start", start.toString());
        result.put("end", end.toString());
        result.put("capacityPerInstance", engine.capacityPerInstance());
        result.putAll(run.figures());
        result.put(
                "elasticSpeedupVsHpa",
                ElasticityMetrics.elasticSpeedup(run.figures(), hpa.figures()));
        return result;
    }

    static String format(double d) {
        return Math.abs(d) >= 1000 || d == Math.rint(d)
                ? String.format(Locale.ROOT, "%.0f", d)
                : String.format(Locale.ROOT, "%.3f", d);
    }

    /** Where waddle's decisions come from. */
    enum Engine {
        DIRECT,
        FLINK
    }

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description =
                    "The trace: a CSV of timestamp,count, any resolution, header optional (with"
                            + " --all: an extra trace beside the shipped ones);"
                            + " synthetic:flapping is a built-in load that flaps every 6 min.")
    List<Path> traces = new ArrayList<>();

    @Option(
            names = "--kind",
            defaultValue = "compute",
            description =
                    "compute (default), webrtc, database or cache. For the last three, one region"
                            + " of the demo's platform replays the trace: a compute fleet that"
                            + " waddle scales, and the service of that kind scaled by waddle,"
                            + " static-peak or oracle; figures are in the kind's units.",
            converter = KindConverter.class)
    ServiceKind kind = ServiceKind.COMPUTE;

    @Option(
            names = "--autoscaler",
            defaultValue = "waddle",
            paramLabel = "NAME",
            description =
                    "hpa, keda, flink-operator, aws-predictive, oracle, static-peak or waddle"
                            + " (default); waddle-no-spike and waddle-no-damping are waddle without"
                            + " its emergency scale-ups or without oscillation damping.")
    String autoscaler;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--engine",
            defaultValue = "direct",
            description =
                    "direct (default): the decision core called in-process; flink: waddle as the"
                        + " real job (Kafka broker process, Flink MiniCluster) in lock step with"
                        + " the simulation; slow, for short spans.")
    Engine engine;

    @Option(
            names = "--all",
            description =
                    "Every autoscaler on every shipped trace (and --trace): writes the tables into"
                            + " BENCHMARKS.md and the charts into docs/bench/.")
    boolean all;

    @Option(
            names = "--start",
            paramLabel = "YYYY-MM-DD HH:MM",
            description = "Start of the simulated span, UTC (default: the trace's start).")
    String start;

    @Option(
            names = "--end",
            paramLabel = "YYYY-MM-DD HH:MM",
            description = "End of the simulated span, UTC (default: the trace's end).")
    String end;

    @Option(
            names = "--peak-instances",
            defaultValue = "100",
            description =
                    "Capacity per instance is set so that the trace's 99.9th-percentile load needs"
                            + " N instances at 100 % (default: ${DEFAULT-VALUE}).")
    int peakInstances;

    @Option(
            names = "--provisioning-delay",
            defaultValue = "120",
            paramLabel = "S",
            description =
                    "Seconds before a new instance serves (default: ${DEFAULT-VALUE}). A property"
                            + " of the simulated platform: no autoscaler is told it.")
    long provisioningDelay;

    @Option(
            names = "--drain-time",
            defaultValue = "60",
            paramLabel = "S",
            description = "Seconds a removed instance keeps costing (default: ${DEFAULT-VALUE}).")
    long drainTime;

    @Option(
            names = "--step",
            defaultValue = "15",
            paramLabel = "S",
            description = "Simulated clock step, at most 15 s (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(
            names = "--min-instances",
            defaultValue = "2",
            description = "Lower bound for every autoscaler (default: ${DEFAULT-VALUE}).")
    int minInstances;

    @Option(
            names = "--max-instances",
            defaultValue = "200",
            description = "Upper bound for every autoscaler (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(
            names = "--target-utilization",
            defaultValue = "0.7",
            paramLabel = "U",
            description =
                    "What every target-based autoscaler holds: hpa, keda, flink-operator,"
                            + " aws-predictive and waddle (default: ${DEFAULT-VALUE}).")
    double targetUtilization;

    @Option(
            names = "--price",
            defaultValue = "0.10",
            paramLabel = "P",
            description = "Cost of one instance-hour (default: ${DEFAULT-VALUE}).")
    double price;

    @Option(
            names = "--out",
            defaultValue = ".",
            paramLabel = "DIR",
            description =
                    "Where --all writes BENCHMARKS.md and docs/bench (default: ${DEFAULT-VALUE}).")
    Path outDir;

    /** Parses --kind by its wire name. */
    static final class KindConverter implements CommandLine.ITypeConverter<ServiceKind> {
        @Override
        public ServiceKind convert(String v) {
            return ServiceKind.fromWireName(v)
                    .orElseThrow(
                            () ->
                                    new CommandLine.TypeConversionException(
                                            "--kind is compute, webrtc, database or cache; got "
                                                    + v));
        }
    }

    private BenchSettings settings() {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException(
                    "--target-utilization must be in (0, 1]; got " + targetUtilization);
        }
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("--price must be >= 0; got " + price);
        }
        if (provisioningDelay < 0 || drainTime < 0) {
            throw new IllegalArgumentException(
                    "--provisioning-delay and --drain-time must be >= 0");
        }
        return new BenchSettings(
                Duration.ofMillis(Math.round(step * 1000)),
                peakInstances,
                Duration.ofSeconds(provisioningDelay),
                Duration.ofSeconds(drainTime),
                minInstances,
                maxInstances,
                targetUtilization,
                price);
    }

    private void check() {
        if (!all && traces.isEmpty()) {
            throw new IllegalArgumentException("--trace FILE is needed (or --all)");
        }
        if (engine == Engine.FLINK && (all || !autoscaler.equals("waddle"))) {
            throw new IllegalArgumentException(
                    "--engine flink runs waddle, the real job, alone: use it with --autoscaler"
                            + " waddle and without --all");
        }
        if (kind != ServiceKind.COMPUTE) {
            if (all || engine == Engine.FLINK) {
                throw new IllegalArgumentException(
                        "--kind " + kind.wireName() + " runs alone, on the direct engine");
            }
            if (!KindElasticityEngine.AUTOSCALERS.contains(autoscaler)) {
                throw new IllegalArgumentException(
                        "for --kind "
                                + kind.wireName()
                                + " the autoscaler is one of "
                                + String.join(", ", KindElasticityEngine.AUTOSCALERS));
            }
            return;
        }
        if (!all && !Autoscalers.NAMES.contains(autoscaler)) {
            throw new IllegalArgumentException(
                    "unknown autoscaler '"
                            + autoscaler
                            + "'; one of "
                            + String.join(", ", Autoscalers.NAMES));
        }
    }

    private static Instant time(String flag, String v) {
        try {
            return LocalDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                    .toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    flag + " must look like \"1998-06-30 18:00\"; got \"" + v + "\"");
        }
    }

    static String span(Instant start, Instant end) {
        return SPAN.format(start) + " to " + SPAN.format(end);
    }
}
