package io.waddle.autoscaler.scaling;

import io.waddle.autoscaler.model.ObservedWindow;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.WindowedMetrics;
import io.waddle.autoscaler.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.scaling.DatabasePoolScaler.PoolState;

/**
 * One evaluation of a WebRTC relay service, a database pool or a cache, as the job makes it at each
 * window: the kind's scaler decides, and the decision becomes an event naming the policy it was
 * made under. Under dry-run or forecast-only a SCALE decision is logged as SUPPRESSED and the
 * scaler keeps its previous state. Plain Java: the Flink function and the benchmark's engine both
 * call it ({@link ComputeEvaluator} does the same for compute).
 */
public final class KindEvaluator {
    private KindEvaluator() {}

    /** The event to log and the scaler state to keep. */
    public record Evaluation<S>(ScalingEvent event, S state) {}

    /**
     * @param state the relay scaler's state before, or null at first sight
     */
    public static Evaluation<ScalerState> relays(
            ScalerState state, WindowedMetrics w, WebRtcRelayScaler.Config config, PolicyRef ref) {
        ScalerState before = state != null ? state : ScalerState.initial();
        ScalerResult r = new WebRtcRelayScaler(config).decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), w, ref);
    }

    /**
     * @param state the pool scaler's state before, or null at first sight
     */
    public static Evaluation<PoolState> pool(
            PoolState state, WindowedMetrics w, DatabasePoolScaler.Config config, PolicyRef ref) {
        PoolState before = state != null ? state : PoolState.initial();
        DatabasePoolScaler.Result r =
                new DatabasePoolScaler(config).decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), w, ref);
    }

    /**
     * @param state the cache scaler's state before, or null at first sight
     */
    public static Evaluation<CacheState> cache(
            CacheState state, WindowedMetrics w, CacheScaler.Config config, PolicyRef ref) {
        CacheState before = state != null ? state : CacheState.initial();
        CacheScaler.Result r = new CacheScaler(config).decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), w, ref);
    }

    private static <S> Evaluation<S> finish(
            ScalingDecision d, S before, S next, WindowedMetrics w, PolicyRef ref) {
        ScalingEvent event = ScalingEvent.of(d, ObservedWindow.of(w, 0), ref);
        S kept = event.issuesCommand() && ref.withheldBy() != null ? before : next;
        return new Evaluation<>(ref.withhold(event), kept);
    }
}
