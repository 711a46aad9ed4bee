package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler.PoolState;

/**
 * One evaluation of a WebRTC relay service, a database pool or a cache, as the job makes it at each
 * window: the kind's scaler decides under the service's oscillation damping (its scale-down delay
 * multiplied: the relays' and the cache's cooldown, the pool's idle timeout), the oscillation rule
 * sees the decision, and the decision becomes an event naming the policy it was made under. Under
 * dry-run or forecast-only a SCALE decision is logged as SUPPRESSED and the scaler keeps its
 * previous state. Plain Java: the Flink function and the benchmark's engine both call it ({@link
 * ComputeEvaluator} does the same for compute).
 */
public final class KindEvaluator {
    private final OscillationRule oscillation;

    public KindEvaluator(OscillationRule.Config oscillation) {
        this.oscillation = new OscillationRule(oscillation);
    }

    /** The event to log, the scaler state and the damping to keep. */
    public record Evaluation<S>(ScalingEvent event, S state, OscillationRule.State damping) {}

    /**
     * @param state the relay scaler's state before, or null at first sight
     * @param damping the oscillation rule's state before, or null at first sight
     */
    public Evaluation<ScalerState> relays(
            ScalerState state,
            OscillationRule.State damping,
            WindowedMetrics w,
            WebRtcRelayScaler.Config config,
            PolicyRef ref) {
        ScalerState before = state != null ? state : ScalerState.initial();
        OscillationRule.State calm = Damping.orCalm(damping);
        ScalerResult r =
                new WebRtcRelayScaler(config.damped(calm.factor()))
                        .decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), calm, w, ref);
    }

    /**
     * @param state the pool scaler's state before, or null at first sight
     * @param damping the oscillation rule's state before, or null at first sight
     */
    public Evaluation<PoolState> pool(
            PoolState state,
            OscillationRule.State damping,
            WindowedMetrics w,
            DatabasePoolScaler.Config config,
            PolicyRef ref) {
        PoolState before = state != null ? state : PoolState.initial();
        OscillationRule.State calm = Damping.orCalm(damping);
        DatabasePoolScaler.Result r =
                new DatabasePoolScaler(config.damped(calm.factor()))
                        .decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), calm, w, ref);
    }

    /**
     * @param state the cache scaler's state before, or null at first sight
     * @param damping the oscillation rule's state before, or null at first sight
     */
    public Evaluation<CacheState> cache(
            CacheState state,
            OscillationRule.State damping,
            WindowedMetrics w,
            CacheScaler.Config config,
            PolicyRef ref) {
        CacheState before = state != null ? state : CacheState.initial();
        OscillationRule.State calm = Damping.orCalm(damping);
        CacheScaler.Result r =
                new CacheScaler(config.damped(calm.factor())).decide(before, w, w.windowEnd());
        return finish(r.decision(), before, r.next(), calm, w, ref);
    }

    private <S> Evaluation<S> finish(
            ScalingDecision d,
            S before,
            S next,
            OscillationRule.State calm,
            WindowedMetrics w,
            PolicyRef ref) {
        Damping.Observed observed = Damping.observe(oscillation, calm, d);
        ScalingEvent event = ScalingEvent.of(observed.decision(), ObservedWindow.of(w, 0), ref);
        S kept = event.issuesCommand() && ref.withheldBy() != null ? before : next;
        return new Evaluation<>(ref.withhold(event), kept, observed.next());
    }
}
