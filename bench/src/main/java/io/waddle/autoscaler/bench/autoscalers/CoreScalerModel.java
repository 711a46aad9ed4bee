package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.ComputeScaler;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.ScalerResult;
import io.waddle.autoscaler.core.scaling.ScalerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the compute scaler core (the code the Flink job runs) on the simulated metrics: every {@code
 * syncPeriod} it builds the window the job would build (mean and max utilization, total request
 * rate, reporting instances over the last {@code window}) and asks the core. The HPA and KEDA
 * models use it with their own settings, since the core implements the HPA's algorithm.
 */
class CoreScalerModel implements BenchAutoscaler {
    private final String name;
    private final ComputeScaler scaler;
    private final Duration syncPeriod;
    private final Duration window;
    private final Duration metricRefresh;
    private final Deque<Observation> recent = new ArrayDeque<>();
    private ScalerState state = ScalerState.initial();
    private Instant lastSync;
    private Instant lastRefresh;
    private WindowedMetrics lastMetrics;

    /**
     * @param metricRefresh how often the metrics the scaler reads are refreshed (KEDA polls every
     *     30 s; ZERO: fresh at every sync)
     */
    CoreScalerModel(
            String name,
            ComputeScalerConfig config,
            Duration syncPeriod,
            Duration window,
            Duration metricRefresh) {
        this.name = name;
        this.scaler = new ComputeScaler(config);
        this.syncPeriod = syncPeriod;
        this.window = window;
        this.metricRefresh = metricRefresh;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int decide(Observation o) {
        recent.addLast(o);
        while (!recent.isEmpty() && !recent.peekFirst().now().isAfter(o.now().minus(window))) {
            recent.removeFirst();
        }
        if (lastSync != null && o.now().isBefore(lastSync.plus(syncPeriod))) {
            return state.hasTarget() ? state.targetInstances() : o.desired();
        }
        lastSync = o.now();
        if (lastMetrics == null
                || lastRefresh == null
                || !o.now().isBefore(lastRefresh.plus(metricRefresh))) {
            lastMetrics = windowOf(o.now());
            lastRefresh = o.now();
        }
        if (lastMetrics.instances() == 0) {
            return o.desired();
        }
        if (!state.hasTarget()) {
            state =
                    new ScalerState(
                            o.desired(), null, state.recommendations(), state.scaleEvents());
        }
        ScalerResult<ScalerState> r = scaler.decide(state, lastMetrics, o.now());
        state = r.next();
        return r.decision().to();
    }

    /** What the job's sliding window would report at {@code end}. */
    private WindowedMetrics windowOf(Instant end) {
        double utilSum = 0;
        double utilMax = 0;
        double rateSum = 0;
        int instances = 0;
        for (Observation r : recent) {
            utilSum += r.utilization();
            utilMax = Math.max(utilMax, r.utilization());
            rateSum += r.requestRate();
            instances = Math.max(instances, r.ready());
        }
        int n = recent.size();
        Map<String, GaugeStats> gauges = new HashMap<>();
        if (instances > 0) {
            gauges.put(
                    Gauges.CPU,
                    new GaugeStats(instances, 100 * utilSum / n * instances, 100 * utilMax));
            gauges.put(
                    Gauges.REQUESTS_PER_SECOND,
                    new GaugeStats(instances, rateSum / n, rateSum / n / instances));
        }
        return new WindowedMetrics(
                "service", "bench", ServiceKind.COMPUTE, end.minus(window), end, instances, gauges);
    }
}
