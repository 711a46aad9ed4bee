package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.LoadHistory;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.sim.SimulatedPlatform;
import io.waddle.autoscaler.sim.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A deterministic, closed-loop, discrete-time simulation of one platform service under a trace,
 * driven by one autoscaler. Each step: time advances (started instances begin to serve), the
 * autoscaler sees this step's metrics and says how many instances it wants, the platform applies
 * that, and demand is compared with the supply that serves.
 */
public final class ElasticityEngine {
    private static final String SERVICE = "service";
    private static final String REGION = "bench";

    private final Trace trace;
    private final BenchSettings settings;
    private final double capacityPerInstance;

    public ElasticityEngine(Trace trace, BenchSettings settings) {
        this.trace = trace;
        this.settings = settings;
        this.capacityPerInstance = trace.quantile(0.999) / settings.peakInstances();
    }

    /** Requests per second one instance serves at 100 % utilization. */
    public double capacityPerInstance() {
        return capacityPerInstance;
    }

    /** Instances the load at {@code t} needs at 100 % utilization. */
    public int demandAt(Instant t) {
        return (int) Math.ceil(trace.ratePerSecond(t) / capacityPerInstance - 1e-9);
    }

    /** Everything one run produced. */
    public record Run(String autoscaler, Map<String, Double> figures, int[] demand, int[] supply) {}

    public Run run(BenchAutoscaler autoscaler, Instant start, Instant end) {
        autoscaler.warmUp(new LoadHistory(trace, start));
        SimulatedPlatform platform =
                new SimulatedPlatform(settings.provisioningDelay(), settings.drainTime());
        int initial =
                (int)
                        Math.ceil(
                                trace.ratePerSecond(start)
                                        / (capacityPerInstance * settings.targetUtilization()));
        platform.addService(SERVICE, REGION, clamp(initial));
        ElasticityMetrics metrics = new ElasticityMetrics();
        Duration step = settings.step();
        double dt = step.toMillis() / 1000.0;
        int steps = (int) Duration.between(start, end).dividedBy(step);
        int[] demand = new int[steps];
        int[] supply = new int[steps];
        Instant t = start;
        for (int i = 0; i < steps; i++, t = t.plus(step)) {
            platform.advance(t);
            double load = trace.ratePerSecond(t);
            Observation o = observe(platform, t, load);
            int wanted = clamp(autoscaler.decide(o));
            if (wanted != o.desired()) {
                platform.scaleTo(SERVICE, REGION, wanted, t);
                metrics.countScalingAction();
            }
            int ready = platform.ready(SERVICE, REGION);
            metrics.record(dt, load, capacityPerInstance, ready, platform.billed(SERVICE, REGION));
            demand[i] = (int) Math.ceil(load / capacityPerInstance - 1e-9);
            supply[i] = ready;
        }
        return new Run(
                autoscaler.name(),
                metrics.figures(settings.pricePerInstanceHour(), dt),
                demand,
                supply);
    }

    private Observation observe(SimulatedPlatform platform, Instant t, double load) {
        int ready = platform.ready(SERVICE, REGION);
        double capacity = ready * capacityPerInstance;
        double rho = capacity == 0 ? Double.POSITIVE_INFINITY : load / capacity;
        return new Observation(
                t,
                ready,
                platform.starting(SERVICE, REGION),
                Math.min(1.0, rho),
                load,
                Math.min(load, capacity),
                20.0 / (1.0 - Math.min(rho, 0.98)));
    }

    private int clamp(int n) {
        return Math.max(settings.minInstances(), Math.min(settings.maxInstances(), n));
    }
}
