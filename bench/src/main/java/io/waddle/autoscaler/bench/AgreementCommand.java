package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.autoscalers.WaddleJobModel;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.FlinkPipeline;
import io.waddle.autoscaler.core.model.ScalingEvent;
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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./autoscaler bench agreement}: the real job (Kafka broker process, Flink MiniCluster with
 * RocksDB and exactly-once checkpoints) and the direct engine make the same decisions, step by
 * step, on a span of the World Cup trace; the CI tests check 30 minutes, this any span.
 */
@Command(
        name = "agreement",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs waddle on the World Cup trace twice, as the real job in lock step and as the"
                    + " decision core called directly, and compares every decision. Exit 0 when"
                    + " they are identical, 1 with the first difference otherwise."
        })
public final class AgreementCommand implements Callable<Integer> {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Option(
            names = "--hours",
            defaultValue = "3",
            description = "Simulated hours to compare (default: ${DEFAULT-VALUE}).")
    double hours;

    @Option(
            names = "--start",
            defaultValue = "1998-06-25 13:30",
            paramLabel = "YYYY-MM-DD HH:MM",
            description =
                    "Where to begin, UTC (default: ${DEFAULT-VALUE}: the rise to a match and"
                            + " back).")
    String start;

    @Option(
            names = "--kind",
            defaultValue = "compute",
            description =
                    "compute (default): one compute service; webrtc, database or cache: that"
                            + " service with the compute fleet it serves.",
            converter = ElasticityBench.KindConverter.class)
    ServiceKind kind;

    @Override
    public Integer call() throws Exception {
        if (!(hours > 0 && hours <= 24 * 30)) {
            throw new IllegalArgumentException("--hours must be in (0, 720]; got " + hours);
        }
        Instant from;
        try {
            from = LocalDateTime.parse(start, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must look like \"1998-06-25 13:30\"; got \"" + start + "\"");
        }
        Instant to = from.plus(Duration.ofMinutes(Math.round(hours * 60)));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of("target", "bench-agreement").toAbsolutePath();
        long began = System.nanoTime();
        List<ScalingEvent> direct;
        List<ScalingEvent> flink;
        Trace trace = Trace.bundledWorldCup();
        BenchSettings settings = BenchSettings.defaults();
        if (kind == ServiceKind.COMPUTE) {
            ElasticityEngine engine = new ElasticityEngine(trace, settings);
            WaddleJobModel d = WaddleModel.create(settings);
            engine.run(d, from, to);
            direct = d.events();
            try (WaddleJobModel job = WaddleModel.onFlink(dir, settings)) {
                engine.run(job, from, to);
                flink = job.events();
            }
        } else {
            KindElasticityEngine engine = new KindElasticityEngine(trace, settings, kind);
            direct = engine.runWaddle(DirectPipeline::new, from, to).events();
            flink = engine.runWaddle(conf -> new FlinkPipeline(dir, conf), from, to).events();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        List<String> a = decisions(direct);
        List<String> b = decisions(flink);
        long scales = direct.stream().filter(ScalingEvent::issuesCommand).count();
        out.printf(
                "%s, %s to %s: %d decisions (%d commands) by the direct engine, %d by the real"
                        + " job, in %d s%n",
                kind.wireName(), from, to, a.size(), scales, b.size(), seconds);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                out.printf("first difference at decision %d:%n  direct %s%n  job    %s%n", i, x, y);
                return Cli.FAILED;
            }
        }
        out.println("identical");
        return 0;
    }

    /**
     * What the comparison holds equal: time, service, outcome, capacity change, reason and detail.
     */
    public static List<String> decisions(List<ScalingEvent> events) {
        return events.stream()
                .map(
                        e ->
                                e.decidedAt()
                                        + " "
                                        + e.serviceRegionKey()
                                        + " "
                                        + e.outcome()
                                        + " "
                                        + e.from()
                                        + "->"
                                        + e.to()
                                        + " "
                                        + e.reason()
                                        + " ("
                                        + e.detail()
                                        + ")")
                .toList();
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler bench agreement", new AgreementCommand(), args));
    }
}
