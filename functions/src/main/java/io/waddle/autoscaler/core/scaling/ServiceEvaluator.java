package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.util.function.BiFunction;

/**
 * The evaluation of one service at one window, the one decision path of the job, the benchmark and
 * the demo: the window's metrics, the pattern matches on it, the settings in force and what the
 * service remembers go in; the typed decision and what to remember next come out.
 *
 * <ol>
 *   <li>the kind's scaler decides, with its scale-down delays multiplied by the service's
 *       oscillation damping (compute also updates its load trend and may turn a spike into an
 *       emergency scale-up, see {@link ComputeEvaluator});
 *   <li>the oscillation rule sees the decision and updates the damping;
 *   <li>under a dry-run or forecast-only policy a SCALE decision is logged as SUPPRESSED, and the
 *       scaler keeps the state it had, as nothing changed.
 * </ol>
 *
 * Plain Java, time is the window's end.
 */
public final class ServiceEvaluator {
    private final ComputeEvaluator compute;

    /**
     * @param trendWindows how many recent windows compute's load trend is fitted over
     */
    public ServiceEvaluator(int trendWindows) {
        this.compute = new ComputeEvaluator(trendWindows);
    }

    /** The decision, and what the service remembers after it. */
    public record Evaluation(Decision decision, ServiceState next) {}

    /**
     * @param state what the service remembered, or null at first sight
     */
    public Evaluation evaluate(
            ServiceState state, WindowedMetrics w, Matches matches, ServiceSettings s) {
        ServiceState st = state != null ? state : ServiceState.EMPTY;
        double damping = Damping.orCalm(st.damping()).factor();
        return switch (w.kind()) {
            case COMPUTE -> compute.evaluate(st, w, matches, s);
            case WEBRTC ->
                    evaluate(
                            new WebRtcRelayScaler(s.webrtc().damped(damping)),
                            st.scaler(),
                            st,
                            w,
                            s,
                            ServiceState::withScaler);
            case DATABASE ->
                    evaluate(
                            new DatabasePoolScaler(s.database().damped(damping)),
                            st.pool(),
                            st,
                            w,
                            s,
                            ServiceState::withPool);
            case CACHE ->
                    evaluate(
                            new CacheScaler(s.cache().damped(damping)),
                            st.cache(),
                            st,
                            w,
                            s,
                            ServiceState::withCache);
        };
    }

    /** A relay, pool or cache evaluation: the scaler's decision, observed and withheld. */
    private static <S> Evaluation evaluate(
            Scaler<S> scaler,
            S own,
            ServiceState st,
            WindowedMetrics w,
            ServiceSettings s,
            BiFunction<ServiceState, S, ServiceState> keep) {
        S before = own != null ? own : scaler.initial();
        ScalerResult<S> r = scaler.decide(before, w, w.windowEnd());
        Finished f = finish(r.decision(), st, s, ObservedWindow.of(w, 0));
        S kept = f.withheld() ? before : r.next();
        return new Evaluation(f.decision(), keep.apply(f.next(), kept));
    }

    /**
     * The decision as it goes out.
     *
     * @param withheld whether a policy in dry-run or forecast-only mode withheld a SCALE decision
     */
    record Finished(Decision decision, ServiceState next, boolean withheld) {}

    /** The oscillation rule sees the decision, then the policy lets it out or withholds it. */
    static Finished finish(
            ScalingDecision d, ServiceState st, ServiceSettings s, ObservedWindow observed) {
        OscillationRule rule = new OscillationRule(s.patterns().oscillation());
        Damping.Observed o = Damping.observe(rule, Damping.orCalm(st.damping()), d);
        PolicyRef ref = s.policy();
        Decision decision = new Decision(o.decision(), ref, observed);
        boolean withheld = decision.issuesCommand() && ref.withheldBy() != null;
        return new Finished(ref.withhold(decision), st.withDamping(o.next()), withheld);
    }
}
