package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.DecisionEngine;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.sim.CacheModel;
import io.waddle.autoscaler.sim.ComputeModel;
import io.waddle.autoscaler.sim.DatabaseModel;
import io.waddle.autoscaler.sim.InstanceModel;
import io.waddle.autoscaler.sim.ServiceModel;
import io.waddle.autoscaler.sim.SimulatedPlatform;
import io.waddle.autoscaler.sim.Trace;
import io.waddle.autoscaler.sim.WebRtcModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * The elasticity benchmark for a WebRTC relay service, a database pool or a cache. One region of
 * the demo's platform replays the trace: a compute fleet (chat-api, always scaled by waddle, so
 * that the pool has workers to serve and the cache sessions to hold) and the service under test,
 * which one of three autoscalers scales:
 *
 * <ul>
 *   <li>{@code waddle}: the job's logic without Flink: the same sliding windows, the scaler of the
 *       kind with its defaults, and the coordinator's round over both services, with the actuator's
 *       results read back, as in the job;
 *   <li>{@code static-peak}: the service's peak demand over the span, all the time;
 *   <li>{@code oracle}: asks at each step for the peak demand of the next provisioning delay, so it
 *       is ready just in time and never short.
 * </ul>
 *
 * Demand and supply are in the service's units (relays, pool connections, cache nodes); the SPEC
 * metrics and cost are computed on those units.
 */
public final class KindElasticityEngine {
    public static final List<String> AUTOSCALERS = List.of("waddle", "static-peak", "oracle");
    private static final String REGION = "bench";
    private static final String COMPUTE = "chat-api";
    private static final double TARGET_UTILIZATION = 0.7;

    private final Trace trace;
    private final BenchSettings settings;
    private final ServiceKind kind;
    private final double capacityPerInstance;

    public KindElasticityEngine(Trace trace, BenchSettings settings, ServiceKind kind) {
        if (kind == ServiceKind.COMPUTE) {
            throw new IllegalArgumentException("compute runs on ElasticityEngine");
        }
        this.trace = trace;
        this.settings = settings;
        this.kind = kind;
        this.capacityPerInstance = trace.quantile(0.999) / settings.peakInstances();
    }

    /** One autoscaler's run; static-peak and oracle first replay waddle's to learn the demand. */
    public ElasticityEngine.Run run(String autoscaler, Instant start, Instant end) {
        if (!AUTOSCALERS.contains(autoscaler)) {
            throw new IllegalArgumentException(
                    "for " + kind.wireName() + " the autoscaler is one of " + AUTOSCALERS);
        }
        try {
            if (autoscaler.equals("waddle")) {
                return runWaddle(DirectPipeline::new, start, end).run();
            }
            int[] demand = runWaddle(DirectPipeline::new, start, end).run().demand();
            // Under static-peak and oracle the service under test is not waddle's to scale.
            try (DecisionEngine computeOnly =
                    new DirectPipeline(jobOptions(), d -> d.kind() == ServiceKind.COMPUTE)) {
                return new Loop(autoscaler, demand, computeOnly).run(start, end).run();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the engine waddle's decisions come from, on the job's options. */
    public interface EngineFactory {
        DecisionEngine open(Configuration jobOptions) throws Exception;
    }

    /** A run, and every decision waddle made in it as the events topic holds it. */
    public record Traced(ElasticityEngine.Run run, List<ScalingEvent> events) {}

    /** Waddle scaling the service under test, its decisions from {@code engine}. */
    public Traced runWaddle(EngineFactory engine, Instant start, Instant end) throws Exception {
        try (DecisionEngine e = engine.open(jobOptions())) {
            return new Loop("waddle", null, e).run(start, end);
        }
    }

    /** The job's options for this platform: the benchmark's bounds and simulated platform. */
    private Configuration jobOptions() {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COMPUTE_MIN_INSTANCES, settings.minInstances());
        conf.set(AutoscalerOptions.COMPUTE_MAX_INSTANCES, settings.maxInstances());
        conf.set(
                AutoscalerOptions.COMPUTE_TARGET_REQUESTS,
                capacityPerInstance * TARGET_UTILIZATION);
        // The readiness rules describe the simulated platform, as in the demo.
        conf.set(
                AutoscalerOptions.COORDINATOR_CACHE_GIB_PER_INSTANCE,
                capacityPerInstance * TARGET_UTILIZATION * 4e6 / (1L << 30));
        return conf;
    }

    private ServiceModel model(InstanceModel instances) {
        return switch (kind) {
            case WEBRTC -> new WebRtcModel("media-relay", REGION, 8, 0);
            case DATABASE -> new DatabaseModel("chat-db", REGION, 10, capacityPerInstance);
            case CACHE -> new CacheModel("sessions-cache", REGION, 4e6, 4L << 30);
            case COMPUTE -> throw new IllegalStateException();
        };
    }

    /** One closed-loop run. */
    private final class Loop {
        private final String autoscaler;
        private final int[] knownDemand;
        private final SimulatedPlatform platform =
                new SimulatedPlatform(settings.provisioningDelay(), settings.drainTime());
        private final InstanceModel instances = new InstanceModel(capacityPerInstance, 1998);
        private final ComputeModel compute =
                new ComputeModel(COMPUTE, REGION, instances, TARGET_UTILIZATION);
        private final ServiceModel service = model(instances);
        private final DecisionEngine engine;
        private final List<ScalingEvent> events = new ArrayList<>();
        private ElasticityMetrics metrics;

        Loop(String autoscaler, int[] knownDemand, DecisionEngine engine) {
            this.autoscaler = autoscaler;
            this.knownDemand = knownDemand;
            this.engine = engine;
        }

        Traced run(Instant start, Instant end) throws Exception {
            metrics = new ElasticityMetrics();
            Duration step = settings.step();
            double dt = step.toMillis() / 1000.0;
            int steps = (int) Duration.between(start, end).dividedBy(step);
            int[] demand = new int[steps];
            int[] supply = new int[steps];
            double load0 = trace.ratePerSecond(start);
            int compute0 =
                    Math.max(
                            settings.minInstances(),
                            (int) Math.ceil(load0 / (capacityPerInstance * TARGET_UTILIZATION)));
            platform.addService(COMPUTE, REGION, compute0);
            int initial =
                    knownDemand != null && autoscaler.equals("static-peak")
                            ? max(knownDemand)
                            : service.initialCapacity(
                                    new ServiceModel.Step(start, load0, compute0));
            platform.addService(service.service(), REGION, initial);
            observe(COMPUTE, ServiceKind.COMPUTE, compute0, start);
            observe(service.service(), kind, initial, start);
            Instant t = start;
            for (int i = 0; i < steps; i++, t = t.plus(step)) {
                platform.advance(t);
                double load = trace.ratePerSecond(t);
                ServiceModel.Step now =
                        new ServiceModel.Step(t, load, platform.ready(COMPUTE, REGION));
                // The samples of this step show the platform as the step found it.
                List<MetricSample> samples = new ArrayList<>();
                samples.addAll(compute.samples(now, platform.readyInstances(COMPUTE, REGION)));
                samples.addAll(
                        service.samples(now, platform.readyInstances(service.service(), REGION)));
                decide(t, i, steps, samples);
                int ready = platform.ready(service.service(), REGION);
                demand[i] = service.demand(now);
                supply[i] = ready;
                metrics.record(
                        dt, demand[i], 1.0, ready, platform.billed(service.service(), REGION));
            }
            return new Traced(
                    new ElasticityEngine.Run(
                            autoscaler,
                            metrics.figures(settings.pricePerInstanceHour(), dt),
                            demand,
                            supply),
                    List.copyOf(events));
        }

        /**
         * The windows the watermark closes at {@code t}, each a round of the coordinator, then this
         * step's samples; under oracle the service under test is scaled ahead of its demand.
         */
        private void decide(Instant t, int i, int steps, List<MetricSample> samples)
                throws Exception {
            events.addAll(
                    engine.step(
                            t,
                            samples,
                            c -> {
                                platform.scaleTo(c.service(), REGION, c.to(), t);
                                if (!c.service().equals(COMPUTE)) {
                                    metrics.countScalingAction();
                                }
                                // The benchmark's actuator applies at once and reports it.
                                return ActuationResult.applied(c, t);
                            }));
            if (autoscaler.equals("oracle")) {
                int ahead = (int) settings.provisioningDelay().dividedBy(settings.step());
                // Ready in time for every step until a new unit could be: the horizon's peak.
                int want = 0;
                for (int j = i; j <= Math.min(steps - 1, i + ahead); j++) {
                    want = Math.max(want, knownDemand[j]);
                }
                if (want
                        != platform.ready(service.service(), REGION)
                                + platform.starting(service.service(), REGION)) {
                    platform.scaleTo(service.service(), REGION, want, t);
                    metrics.countScalingAction();
                }
            }
        }

        /** The actuator's inventory at the start. */
        private void observe(String name, ServiceKind k, int capacity, Instant at)
                throws Exception {
            engine.observed(ActuationResult.observed(name, REGION, k, capacity, at));
        }
    }

    private static int max(int[] xs) {
        int m = 0;
        for (int x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }
}
