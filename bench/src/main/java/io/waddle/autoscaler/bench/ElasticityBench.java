package io.waddle.autoscaler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.waddle.autoscaler.bench.autoscalers.FlinkJobAutoscaler;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.model.ServiceKind;
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

/**
 * {@code ./autoscaler bench elasticity}: one autoscaler on one trace ({@code --trace}, {@code
 * --autoscaler}, {@code --json}), or every autoscaler on every shipped trace ({@code --all}, which
 * rewrites BENCHMARKS.md's tables and the charts).
 */
public final class ElasticityBench {
    static final String USAGE =
            """
            Usage: ./autoscaler bench elasticity --trace FILE [--autoscaler NAME] [--json] [flags]
                   ./autoscaler bench elasticity --all [--trace FILE ...] [flags]

            A deterministic closed-loop simulation of one platform service replaying a request-rate
            trace (CSV of timestamp,count; any resolution; header optional), scaled by an autoscaler
            that sees only per-step metrics. Prints the SPEC RG elasticity metrics and cost and SLO
            figures.

              --trace FILE            the trace (with --all: an extra trace beside the shipped ones);
                                      synthetic:flapping is a built-in load that flaps every 6 min
              --kind KIND             compute (default), webrtc, database or cache. For the last
                                      three, one region of the demo's platform replays the trace:
                                      a compute fleet that waddle scales, and the service of that
                                      kind scaled by waddle (its scaler and the coordinator),
                                      static-peak or oracle; figures are in the kind's units
              --autoscaler NAME       hpa, keda, flink-operator, aws-predictive, oracle, static-peak
                                      or waddle (default waddle); waddle-no-spike and
                                      waddle-no-damping are waddle without its emergency
                                      scale-ups or without oscillation damping
              --json                  print one JSON object
              --engine direct|flink   direct (default): the decision core called in-process;
                                      flink: waddle as the real job (Kafka broker process, Flink
                                      MiniCluster) in lock step with the simulation; slow, for short
                                      spans
              --all                   every autoscaler on every shipped trace (+ --trace): writes the
                                      tables into BENCHMARKS.md and charts into docs/bench/
              --start "YYYY-MM-DD HH:MM", --end "YYYY-MM-DD HH:MM"
                                      the simulated span, UTC (default: the whole trace)
              --peak-instances N      capacity per instance is set so that the trace's 99.9th-
                                      percentile load needs N instances at 100 % (default 100)
              --provisioning-delay S  seconds before a new instance serves (default 120)
              --drain-time S          seconds a removed instance keeps costing (default 60)
              --step S                simulated clock step, at most 15 (default 15)
              --min-instances N, --max-instances N
                                      bounds for every autoscaler (default 2 and 200)
              --target-utilization U  what target-based autoscalers hold (default 0.7)
              --price P               cost of one instance-hour (default 0.10)
              --out DIR               where --all writes BENCHMARKS.md and docs/bench (default .)
            """;

    private static final DateTimeFormatter SPAN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench elasticity: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (a.help) {
            out.print(USAGE);
            return;
        }
        if (a.all) {
            new ElasticityReport(a.settings, a.out).writeAll(a.traces, out);
            return;
        }
        Trace trace = Trace.named(a.traces.get(0).toString());
        Instant start = a.start != null ? a.start : trace.start();
        Instant end = a.end != null ? a.end : trace.end();
        Map<String, Object> result =
                a.kind != ServiceKind.COMPUTE
                        ? runKind(
                                trace,
                                a.traces.get(0).toString(),
                                a.kind,
                                a.autoscaler,
                                a.settings,
                                start,
                                end)
                        : a.flink
                                ? runOnFlink(
                                        trace, a.traces.get(0).toString(), a.settings, start, end)
                                : runOne(
                                        trace,
                                        a.traces.get(0).toString(),
                                        a.autoscaler,
                                        a.settings,
                                        start,
                                        end);
        if (a.json) {
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
        try (FlinkJobAutoscaler job =
                new FlinkJobAutoscaler(
                        Path.of("target", "bench-flink"), WaddleModel.jobOptions(s))) {
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

    /** The command line. */
    static final class Args {
        final List<Path> traces = new ArrayList<>();
        String autoscaler = "waddle";
        ServiceKind kind = ServiceKind.COMPUTE;
        boolean json;
        boolean all;
        boolean help;
        boolean flink;
        Instant start;
        Instant end;
        Path out = Path.of(".");
        BenchSettings settings = BenchSettings.defaults();

        static Args parse(String[] args) {
            Args a = new Args();
            BenchSettings d = BenchSettings.defaults();
            int peak = d.peakInstances();
            int minI = d.minInstances();
            int maxI = d.maxInstances();
            Duration delay = d.provisioningDelay();
            Duration drain = d.drainTime();
            Duration step = d.step();
            double target = d.targetUtilization();
            double price = d.pricePerInstanceHour();
            for (int i = 0; i < args.length; i++) {
                String f = args[i];
                switch (f) {
                    case "--json" -> a.json = true;
                    case "--all" -> a.all = true;
                    case "--help", "-h" -> a.help = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(f + " needs a value");
                        }
                        String v = args[++i];
                        switch (f) {
                            case "--trace" -> a.traces.add(Path.of(v));
                            case "--autoscaler" -> a.autoscaler = v;
                            case "--kind" ->
                                    a.kind =
                                            ServiceKind.fromWireName(v)
                                                    .orElseThrow(
                                                            () ->
                                                                    new IllegalArgumentException(
                                                                            "--kind is compute,"
                                                                                    + " webrtc,"
                                                                                    + " database or"
                                                                                    + " cache; got "
                                                                                    + v));
                            case "--start" -> a.start = time(f, v);
                            case "--end" -> a.end = time(f, v);
                            case "--peak-instances" -> peak = Integer.parseInt(v);
                            case "--provisioning-delay" ->
                                    delay = Duration.ofSeconds(Long.parseLong(v));
                            case "--drain-time" -> drain = Duration.ofSeconds(Long.parseLong(v));
                            case "--step" ->
                                    step = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                            case "--min-instances" -> minI = Integer.parseInt(v);
                            case "--max-instances" -> maxI = Integer.parseInt(v);
                            case "--target-utilization" -> target = Double.parseDouble(v);
                            case "--price" -> price = Double.parseDouble(v);
                            case "--out" -> a.out = Path.of(v);
                            case "--engine" -> {
                                if (!v.equals("direct") && !v.equals("flink")) {
                                    throw new IllegalArgumentException(
                                            "--engine is direct or flink; got " + v);
                                }
                                a.flink = v.equals("flink");
                            }
                            default -> throw new IllegalArgumentException("unknown flag " + f);
                        }
                    }
                }
            }
            a.settings = new BenchSettings(step, peak, delay, drain, minI, maxI, target, price);
            if (!a.help && !a.all && a.traces.isEmpty()) {
                throw new IllegalArgumentException("--trace FILE is needed (or --all)");
            }
            if (a.flink && (a.all || !a.autoscaler.equals("waddle"))) {
                throw new IllegalArgumentException(
                        "--engine flink runs waddle, the real job, alone: use it with --autoscaler"
                                + " waddle and without --all");
            }
            if (a.kind != ServiceKind.COMPUTE) {
                if (a.all || a.flink) {
                    throw new IllegalArgumentException(
                            "--kind " + a.kind.wireName() + " runs alone, on the direct engine");
                }
                if (!KindElasticityEngine.AUTOSCALERS.contains(a.autoscaler)) {
                    throw new IllegalArgumentException(
                            "for --kind "
                                    + a.kind.wireName()
                                    + " the autoscaler is one of "
                                    + String.join(", ", KindElasticityEngine.AUTOSCALERS));
                }
                return a;
            }
            if (!a.all && !Autoscalers.NAMES.contains(a.autoscaler)) {
                throw new IllegalArgumentException(
                        "unknown autoscaler '"
                                + a.autoscaler
                                + "'; one of "
                                + String.join(", ", Autoscalers.NAMES));
            }
            return a;
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
    }

    static String span(Instant start, Instant end) {
        return SPAN.format(start) + " to " + SPAN.format(end);
    }
}
