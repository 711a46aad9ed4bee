package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.util.List;

/**
 * The compute part of {@link ServiceEvaluator}: the load trend is updated, the scaler decides (with
 * the service's oscillation damping applied), and a spike the CEP pattern matched on this window
 * turns the decision into an emergency scale-up when that asks for more. A sustained-low match
 * annotates the decision. Under a dry run the scaler keeps tracking the capacity that really
 * reports.
 */
final class ComputeEvaluator {
    private final int trendWindows;

    ComputeEvaluator(int trendWindows) {
        this.trendWindows = trendWindows;
    }

    ServiceEvaluator.Evaluation evaluate(
            ServiceState st, WindowedMetrics window, Matches matches, ServiceSettings s) {
        ComputeScalerConfig config = s.compute();
        PatternSettings patterns = s.patterns();
        LoadTrend nextTrend =
                (st.trend() != null ? st.trend() : LoadTrend.empty())
                        .add(
                                window.windowEnd(),
                                window.total(Gauges.REQUESTS_PER_SECOND),
                                trendWindows);
        ScalerState before = st.scaler() != null ? st.scaler() : ScalerState.initial();
        double damping = Damping.orCalm(st.damping()).factor();
        boolean withheldByPolicy = s.policy().withheldBy() != null;
        if (withheldByPolicy) {
            before = before.observing(window.instances());
        }
        ComputeScaler scaler =
                new ComputeScaler(damping > 1.0 ? OscillationRule.damp(config, damping) : config);
        ScalerResult<ScalerState> r = scaler.decide(before, window, window.windowEnd());
        ScalingDecision decision = r.decision();
        ScalerState next = r.next();
        if (matches.spike() != null && patterns.spikeEnabled()) {
            ScalerResult<ScalerState> emergency =
                    emergency(config, patterns, decision, before, next, window, matches.spike());
            decision = emergency.decision();
            next = emergency.next();
        }
        if (matches.sustainedLow() != null) {
            decision = decision.withDetail(lowNote(decision, matches.sustainedLow()));
        }
        ServiceEvaluator.Finished f =
                ServiceEvaluator.finish(
                        decision, st, s, ObservedWindow.of(window, nextTrend.slopePerSecond()));
        if (f.withheld()) {
            next =
                    new ScalerState(
                            before.targetInstances(),
                            before.lastScaleAt(),
                            next.recommendations(),
                            before.scaleEvents());
        }
        return new ServiceEvaluator.Evaluation(
                f.decision(), f.next().withScaler(next).withTrend(nextTrend));
    }

    /**
     * The emergency scale-up for a spike, when it asks for more than the decision: from the
     * capacity before, bypassing cooldown, stabilization and the normal rate limits, within the
     * emergency limit and the max. The emergency target is also recorded as a recommendation, so
     * that the scale-down stabilization keeps it for its window.
     */
    private static ScalerResult<ScalerState> emergency(
            ComputeScalerConfig config,
            PatternSettings patterns,
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
                new SpikeRule(patterns.spike())
                        .size(
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
            return new ScalerResult<>(
                    decision.withDetail("spike " + m.detail() + ": " + why), next);
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
        return new ScalerResult<>(up, kept);
    }

    private static String lowNote(ScalingDecision d, PatternMatch low) {
        String what = "scale-down candidate: " + low.detail();
        if (d.isScale() && d.to() < d.from()) {
            return what;
        }
        return what + "; held: " + d.reason();
    }
}
