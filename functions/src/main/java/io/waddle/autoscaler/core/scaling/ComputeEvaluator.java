package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.util.List;

/**
 * One evaluation of a compute service as the job makes it at each window: the load trend is
 * updated, the scaler decides (with the service's oscillation damping applied), a spike the CEP
 * pattern matched on this window turns the decision into an emergency scale-up when that asks for
 * more, and the decision becomes an event carrying what it saw and the policy it was made under.
 * Plain Java: the Flink function and the benchmark's engine both call it.
 */
public final class ComputeEvaluator {
    private final ComputeScalerConfig config;
    private final ComputeScaler scaler;
    private final int trendWindows;
    private final PatternSettings patterns;
    private final OscillationRule oscillation;
    private final SpikeRule spikes;

    /** The state to keep after an evaluation, and its event. */
    public record Evaluation(
            ScalingEvent event,
            ScalerState scalerState,
            LoadTrend trend,
            OscillationRule.State oscillation) {}

    /** What the patterns matched on the window being evaluated; each may be null. */
    public record Matches(PatternMatch spike, PatternMatch sustainedLow) {
        public static final Matches NONE = new Matches(null, null);
    }

    public ComputeEvaluator(
            ComputeScalerConfig config, int trendWindows, PatternSettings patterns) {
        this.config = config;
        this.scaler = new ComputeScaler(config);
        this.trendWindows = trendWindows;
        this.patterns = patterns;
        this.oscillation = new OscillationRule(patterns.oscillation());
        this.spikes = new SpikeRule(patterns.spike());
    }

    /**
     * @param scalerState the scaler's state before, or null at first sight
     * @param trend the load trend before, or null at first sight
     * @param damping the oscillation rule's state before, or null at first sight
     * @param policy the policy in force; in dry-run and forecast-only modes a SCALE decision is
     *     logged as SUPPRESSED and the scaler keeps tracking the capacity that really reports
     */
    public Evaluation evaluate(
            ScalerState scalerState,
            LoadTrend trend,
            OscillationRule.State damping,
            WindowedMetrics window,
            Matches matches,
            PolicyRef policy) {
        LoadTrend nextTrend =
                (trend != null ? trend : LoadTrend.empty())
                        .add(
                                window.windowEnd(),
                                window.total(Gauges.REQUESTS_PER_SECOND),
                                trendWindows);
        ScalerState before = scalerState != null ? scalerState : ScalerState.initial();
        OscillationRule.State calm = Damping.orCalm(damping);
        Reason withheld = policy.withheldBy();
        if (withheld != null) {
            before = before.observing(window.instances());
        }
        ComputeScaler damped =
                calm.factor() > 1.0
                        ? new ComputeScaler(OscillationRule.damp(config, calm.factor()))
                        : scaler;
        ScalerResult r = damped.decide(before, window, window.windowEnd());
        ScalingDecision decision = r.decision();
        ScalerState next = r.next();
        if (matches.spike() != null && patterns.spikeEnabled()) {
            ScalerResult emergency = emergency(decision, before, next, window, matches.spike());
            decision = emergency.decision();
            next = emergency.next();
        }
        if (matches.sustainedLow() != null) {
            decision = Damping.withDetail(decision, lowNote(decision, matches.sustainedLow()));
        }
        Damping.Observed observed = Damping.observe(oscillation, calm, decision);
        decision = observed.decision();
        ScalingEvent event =
                ScalingEvent.of(
                        decision, ObservedWindow.of(window, nextTrend.slopePerSecond()), policy);
        if (withheld != null && event.issuesCommand()) {
            event = policy.withhold(event);
            next =
                    new ScalerState(
                            before.targetInstances(),
                            before.lastScaleAt(),
                            next.recommendations(),
                            before.scaleEvents());
        }
        return new Evaluation(event, next, nextTrend, observed.next());
    }

    /**
     * The emergency scale-up for a spike, when it asks for more than the decision: from the
     * capacity before, bypassing cooldown, stabilization and the normal rate limits, within the
     * emergency limit and the max. The emergency target is also recorded as a recommendation, so
     * that the scale-down stabilization keeps it for its window.
     */
    private ScalerResult emergency(
            ScalingDecision decision,
            ScalerState before,
            ScalerState next,
            WindowedMetrics w,
            PatternMatch m) {
        int current = decision.from();
        double seconds = Math.max(1, (m.at().toEpochMilli() - m.from().toEpochMilli()) / 1000.0);
        SpikeRule.Spike spike = new SpikeRule.Spike(m.fromValue(), m.value(), seconds);
        double cpuRatio =
                config.targetCpuPercent() > 0
                        ? w.mean(Gauges.CPU) / config.targetCpuPercent()
                        : Double.NaN;
        SpikeRule.Emergency e =
                spikes.size(
                        spike,
                        Math.max(1, current),
                        cpuRatio,
                        patterns.provisioningDelay(),
                        config.maxInstances());
        if (current <= 0 || e.target() <= Math.max(decision.to(), current)) {
            String why =
                    current <= 0
                            ? "no capacity known yet"
                            : e.wanted() <= current
                                    ? "the capacity has headroom for the load expected ("
                                            + e.wanted()
                                            + " needed)"
                                    : e.target() <= current
                                            ? "already at " + current + ", the most it may have"
                                            : "this decision already covers it ("
                                                    + e.target()
                                                    + " wanted)";
            return new ScalerResult(
                    Damping.withDetail(decision, "spike " + m.detail() + ": " + why), next);
        }
        ScalingDecision up =
                ScalingDecision.scaleTo(
                        decision.subject(),
                        decision.decidedAt(),
                        current,
                        e.target(),
                        e.wanted(),
                        Reason.SPIKE_EMERGENCY,
                        e.detail() + "; bypasses cooldown and stabilization",
                        List.of(),
                        decision.observedInstances());
        // The emergency replaces the decision: its step is the one change the rate limits count.
        ScalerState kept =
                new ScalerState(
                                before.targetInstances(),
                                before.lastScaleAt(),
                                next.recommend(
                                                decision.decidedAt(),
                                                e.target(),
                                                config.historyRetention())
                                        .recommendations(),
                                before.scaleEvents())
                        .scaled(decision.decidedAt(), current, e.target());
        return new ScalerResult(up, kept);
    }

    private static String lowNote(ScalingDecision d, PatternMatch low) {
        String what = "scale-down candidate: " + low.detail();
        if (d.isScale() && d.to() < d.from()) {
            return what;
        }
        return what + "; held: " + d.reason();
    }
}
