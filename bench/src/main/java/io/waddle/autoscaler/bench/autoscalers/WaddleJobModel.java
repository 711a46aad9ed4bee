package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.bench.loop.SampleSynthesizer;
import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.coordination.PlatformState;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.patterns.SpikeWatch;
import io.waddle.autoscaler.core.scaling.ComputeEvaluator;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.LoadTrend;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.ScalerState;
import io.waddle.autoscaler.core.windows.WindowAccumulator;
import io.waddle.autoscaler.flink.LoadTagger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waddle as the Flink job runs it, without Flink: each step's samples go into the job's sliding
 * windows (the same accumulator), a window is evaluated once event time passes its end (the same
 * evaluator, with the spike pattern's plain-Java twin and the same oscillation damping), and each
 * window's decision is a round of the same coordinator. The benchmark applies a command within its
 * step and reports the result at once, as the Flink engine does to the real job. Called directly
 * for speed; the {@code --engine flink} run of the real job must make the same decisions.
 */
public final class WaddleJobModel implements BenchAutoscaler {
    private final ComputeEvaluator evaluator;
    private final Coordinator coordinator;
    private final long sizeMs;
    private final long slideMs;
    private final TreeMap<Long, WindowAccumulator> windows = new TreeMap<>();
    private final List<ScalingEvent> events = new ArrayList<>();
    private final PatternSettings patterns;
    private final Duration lowFor;
    private ScalerState scalerState;
    private LoadTrend trend;
    private OscillationRule.State damping;
    private SpikeWatch spikes = SpikeWatch.empty();
    private PlatformState platform = PlatformState.empty();

    private final String name;

    public WaddleJobModel(
            String name,
            ComputeScalerConfig config,
            PatternSettings patterns,
            int trendWindows,
            Duration windowSize,
            Duration slide,
            CoordinatorConfig coordination) {
        this.name = name;
        this.evaluator = new ComputeEvaluator(config, trendWindows, patterns);
        this.patterns = patterns;
        this.lowFor = config.scaleDownStabilization();
        this.coordinator = new Coordinator(coordination);
        this.sizeMs = windowSize.toMillis();
        this.slideMs = slide.toMillis();
    }

    @Override
    public String name() {
        return name;
    }

    /** Every decision so far, as the events topic would hold them. */
    public List<ScalingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public int decide(Observation o) {
        long now = o.now().toEpochMilli();
        int capacity = o.desired();
        // This step's samples carry timestamp `now`: the watermark reaches now - 1 and fires every
        // window that ends by then; each is one round of the coordinator.
        while (!windows.isEmpty() && windows.firstKey() <= now) {
            Map.Entry<Long, WindowAccumulator> w = windows.pollFirstEntry();
            WindowedMetrics window =
                    w.getValue()
                            .result(
                                    Instant.ofEpochMilli(w.getKey() - sizeMs),
                                    Instant.ofEpochMilli(w.getKey()));
            // The spike pattern sees the window first, as the CEP operator does in the job.
            SpikeWatch.Step spike = spikes.next(LoadTagger.point(window, null, patterns, lowFor));
            spikes = spike.next();
            ComputeEvaluator.Evaluation e =
                    evaluator.evaluate(
                            scalerState,
                            trend,
                            damping,
                            window,
                            new ComputeEvaluator.Matches(spike.steepest(), null),
                            PolicyRef.BUILTIN);
            scalerState = e.scalerState();
            trend = e.trend();
            damping = e.oscillation();
            Coordinator.RoundResult r =
                    coordinator.coordinate(
                            platform, List.of(e.event()), Instant.ofEpochMilli(w.getKey()));
            platform = r.next();
            for (ScalingEvent out : r.ordered()) {
                events.add(out);
                if (out.issuesCommand()) {
                    ScalingCommand c = ScalingCommand.of(out);
                    capacity = c.to();
                    platform = Coordinator.applied(platform, ActuationResult.applied(c, o.now()));
                }
            }
        }
        for (MetricSample s : SampleSynthesizer.samples(o)) {
            for (long end = Math.floorDiv(now, slideMs) * slideMs + slideMs;
                    end <= now + sizeMs;
                    end += slideMs) {
                windows.computeIfAbsent(end, k -> new WindowAccumulator()).add(s);
            }
        }
        return capacity;
    }
}
