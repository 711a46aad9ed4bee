package io.waddle.autoscaler.bench.loop;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.CoordinatorScope;
import io.waddle.autoscaler.core.coordination.HeapPlatformStore;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.patterns.LoadPoints;
import io.waddle.autoscaler.core.patterns.SpikeWatch;
import io.waddle.autoscaler.core.scaling.ServiceEvaluator;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.ServiceState;
import io.waddle.autoscaler.core.windows.SlidingWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The Flink job's decision path without Flink, for the benchmark's direct engines: the job's
 * sliding windows; for each window the spike pattern's plain-Java twin and the one evaluation of a
 * service ({@link ServiceEvaluator}); each window's decisions one round of the coordinator, whose
 * commands the caller's actuator applies before the next round, as the job's actuator reports its
 * results back. Called directly for speed; the {@code --engine flink} run of the real job, and the
 * agreement tests, hold it to the job's decisions.
 */
public final class DirectPipeline implements DecisionEngine {
    private final ServiceSettings settings;
    private final ServiceEvaluator evaluator;
    private final SlidingWindows windows;
    private final Coordinator coordinator;
    private final Predicate<Decision> coordinated;
    private final Map<String, ServiceState> states = new HashMap<>();
    private final Map<String, SpikeWatch> spikes = new HashMap<>();
    private final CoordinatorScope scope;

    /** A store per coordinator: one for the platform, or one per region. */
    private final Map<String, HeapPlatformStore> platform = new HashMap<>();

    /**
     * @param conf the job's options
     * @param coordinated which decisions reach the coordinator (the others are made and dropped: a
     *     service that another autoscaler scales)
     */
    public DirectPipeline(ReadableConfig conf, Predicate<Decision> coordinated) {
        this.settings = AutoscalerOptions.serviceSettings(conf);
        this.evaluator = new ServiceEvaluator(conf.get(AutoscalerOptions.TREND_WINDOWS));
        this.windows =
                new SlidingWindows(
                        conf.get(AutoscalerOptions.WINDOW_SIZE),
                        conf.get(AutoscalerOptions.WINDOW_SLIDE));
        this.coordinator = new Coordinator(AutoscalerOptions.coordinator(conf));
        this.scope = AutoscalerOptions.coordinatorScope(conf);
        this.coordinated = coordinated;
    }

    public DirectPipeline(ReadableConfig conf) {
        this(conf, d -> true);
    }

    @Override
    public List<ScalingEvent> step(
            Instant now,
            List<MetricSample> samples,
            Function<ScalingCommand, ActuationResult> actuator) {
        List<ScalingEvent> out = new ArrayList<>();
        for (Decision d : advanceTo(now, actuator)) {
            out.add(ScalingEvent.of(d));
        }
        samples.forEach(windows::add);
        return out;
    }

    @Override
    public void observed(ActuationResult inventory) {
        coordinator.applied(store(inventory.region()), inventory);
        // As the job's scalers take it: what the service really has.
        String key = inventory.serviceRegionKey();
        states.put(key, ServiceState.withInventory(states.get(key), inventory));
    }

    /**
     * Event time reaches {@code now}: every window ending by then is decided, one coordinator round
     * per window end, and the round's commands are applied by {@code actuator} in order, before the
     * next round.
     *
     * @return every decision as it goes out, rounds in order
     */
    private List<Decision> advanceTo(
            Instant now, Function<ScalingCommand, ActuationResult> actuator) {
        List<Decision> out = new ArrayList<>();
        for (List<WindowedMetrics> closed : windows.close(now.minusMillis(1))) {
            List<Decision> round = new ArrayList<>();
            for (WindowedMetrics w : closed) {
                Decision d = evaluate(w);
                if (coordinated.test(d)) {
                    round.add(d);
                }
            }
            if (round.isEmpty()) {
                continue;
            }
            // Each coordinator its round: the platform's, or each region's, as the job keys them.
            Map<String, List<Decision>> byCoordinator = new TreeMap<>();
            for (Decision d : round) {
                byCoordinator
                        .computeIfAbsent(scope.key("", d.region()), k -> new ArrayList<>())
                        .add(d);
            }
            for (List<Decision> part : byCoordinator.values()) {
                HeapPlatformStore store = store(part.get(0).region());
                for (Decision d : coordinator.coordinate(store, part, closed.get(0).windowEnd())) {
                    out.add(d);
                    if (d.issuesCommand()) {
                        coordinator.applied(store, actuator.apply(ScalingCommand.of(d)));
                    }
                }
            }
        }
        return out;
    }

    private HeapPlatformStore store(String region) {
        return platform.computeIfAbsent(scope.key("", region), k -> new HeapPlatformStore());
    }

    /** The spike pattern sees a compute window first, as the CEP operator does in the job. */
    private Decision evaluate(WindowedMetrics w) {
        String key = w.serviceRegionKey();
        Matches matches = Matches.NONE;
        if (w.kind() == ServiceKind.COMPUTE) {
            SpikeWatch.Step spike =
                    spikes.getOrDefault(key, SpikeWatch.empty()).next(LoadPoints.of(w, settings));
            spikes.put(key, spike.next());
            matches = new Matches(spike.steepest(), null);
        }
        ServiceEvaluator.Evaluation e = evaluator.evaluate(states.get(key), w, matches, settings);
        states.put(key, e.next());
        return e.decision();
    }
}
