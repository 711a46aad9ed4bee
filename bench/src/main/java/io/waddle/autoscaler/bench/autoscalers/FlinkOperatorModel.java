package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Flink Kubernetes Operator's autoscaler with its defaults, applied to one service:
 *
 * <ul>
 *   <li>it measures the true processing rate of an instance from busy time (served rate / busy
 *       share) and the incoming rate, averaged over the metrics window (15 min);
 *   <li>target utilization 0.7 with a ±0.3 boundary: nothing happens while utilization stays in
 *       [0.4, 1.0]; outside, the target is {@code ceil(rate / (true rate × 0.7))};
 *   <li>after a rescale it waits the stabilization interval (5 min) and then a full metrics window
 *       before it decides again;
 *   <li>a scale-down must stay wanted for the scale-down interval (1 h; the highest recommendation
 *       in it wins) and removes at most 60 % (scale-down max factor 0.6); scale-ups are not capped.
 * </ul>
 *
 * Sources:
 * nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/custom-resource/autoscaler/
 * and docs/operations/configuration/ (job.autoscaler.target.utilization 0.7,
 * .target.utilization.boundary 0.3, .stabilization.interval 5 min, .metrics.window 15 min,
 * .scale-down.interval 1 h, .scale-down.max-factor 0.6), and flink-autoscaler's
 * JobVertexScaler.java.
 */
public final class FlinkOperatorModel implements BenchAutoscaler {
    private static final double BOUNDARY = 0.3;
    private static final Duration DECISION_INTERVAL = Duration.ofSeconds(60);
    private static final Duration STABILIZATION = Duration.ofMinutes(5);
    private static final Duration METRICS_WINDOW = Duration.ofMinutes(15);
    private static final Duration SCALE_DOWN_INTERVAL = Duration.ofHours(1);
    private static final double SCALE_DOWN_MAX_FACTOR = 0.6;

    private final Deque<Observation> window = new ArrayDeque<>();
    private Instant collectingSince;
    private Instant lastDecision;
    private Instant pendingScaleDownSince;
    private int pendingScaleDownTarget;
    private final double targetUtilization;
    private int target = -1;

    /**
     * @param targetUtilization job.autoscaler.target.utilization: the benchmark's target
     *     utilization, which every target-based autoscaler holds (the operator's default is 0.7)
     */
    public FlinkOperatorModel(double targetUtilization) {
        this.targetUtilization = targetUtilization;
    }

    @Override
    public String name() {
        return "flink-operator";
    }

    @Override
    public int decide(Observation o) {
        if (target < 0) {
            target = o.desired();
            collectingSince = o.now();
        }
        if (o.now().isBefore(collectingSince)) {
            return target; // stabilizing after a rescale: metrics are not collected yet
        }
        window.addLast(o);
        while (!window.peekFirst().now().isAfter(o.now().minus(METRICS_WINDOW))) {
            window.removeFirst();
        }
        boolean windowFull = !o.now().isBefore(collectingSince.plus(METRICS_WINDOW));
        boolean due =
                lastDecision == null || !o.now().isBefore(lastDecision.plus(DECISION_INTERVAL));
        if (!windowFull || !due) {
            return target;
        }
        lastDecision = o.now();
        int proposed = evaluate();
        if (proposed < 0) {
            pendingScaleDownSince = null;
            return target;
        }
        if (proposed > target) {
            pendingScaleDownSince = null;
            return rescale(proposed, o.now());
        }
        int floor = (int) Math.ceil(target * (1 - SCALE_DOWN_MAX_FACTOR));
        int down = Math.max(proposed, floor);
        if (pendingScaleDownSince == null) {
            pendingScaleDownSince = o.now();
            pendingScaleDownTarget = down;
        } else {
            pendingScaleDownTarget = Math.max(pendingScaleDownTarget, down);
        }
        if (!o.now().isBefore(pendingScaleDownSince.plus(SCALE_DOWN_INTERVAL))) {
            int t = pendingScaleDownTarget;
            pendingScaleDownSince = null;
            return rescale(t, o.now());
        }
        return target;
    }

    /**
     * The proposed parallelism, or -1 while utilization is inside the boundary. Utilization is the
     * incoming rate over what the serving instances can process at their true rate, so an
     * overloaded service reads above 1 (busy time alone would saturate at 100 %).
     */
    private int evaluate() {
        double rate = 0;
        double trueRateSum = 0;
        int trueRateSamples = 0;
        double instances = 0;
        for (Observation w : window) {
            rate += w.requestRate();
            instances += w.ready();
            if (w.utilization() > 0 && w.ready() > 0) {
                trueRateSum += w.servedRate() / (w.utilization() * w.ready());
                trueRateSamples++;
            }
        }
        if (trueRateSamples == 0 || instances == 0) {
            return -1;
        }
        rate /= window.size();
        instances /= window.size();
        double trueRate = trueRateSum / trueRateSamples;
        double utilization = rate / (instances * trueRate);
        if (utilization >= targetUtilization - BOUNDARY
                && utilization <= targetUtilization + BOUNDARY) {
            return -1;
        }
        return (int) Math.ceil(rate / (trueRate * targetUtilization));
    }

    private int rescale(int to, Instant now) {
        if (to != target) {
            target = to;
            window.clear();
            collectingSince = now.plus(STABILIZATION);
        }
        return target;
    }
}
