package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Limit;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compute scaler: Kubernetes HPA v2 semantics on windowed metrics, plus a scale-down cooldown.
 * Plain Java, time is an input; the Flink function around it only loads and stores the state.
 */
public final class ComputeScaler implements Scaler<ScalerState> {
    private final ComputeScalerConfig config;
    private final ReplicaCalculator calculator;

    public ComputeScaler(ComputeScalerConfig config) {
        this.config = config;
        this.calculator = new ReplicaCalculator(config.tolerance());
    }

    public ComputeScalerConfig config() {
        return config;
    }

    /**
     * One evaluation.
     *
     * <ol>
     *   <li>Current capacity is the last decided target, or the capacity the actuator reported (its
     *       inventory), or else the reporting instances at first sight; first sight also counts as
     *       a recommendation to keep that capacity, so that a fresh start (new service, job
     *       restarted without state) cannot scale down inside the stabilization window.
     *   <li>Outside [min, max]: move to the nearest bound, whatever the metrics say.
     *   <li>Each metric with a target proposes {@code ceil(current * observed / target)}; the
     *       largest proposal wins (so all must agree before a scale-down).
     *   <li>Stabilization: a scale-down goes no lower than the highest recommendation inside the
     *       scale-down window (a scale-up, no higher than the lowest inside the scale-up window).
     *   <li>Cooldown: no scale-down sooner than the cooldown after the last action.
     *   <li>Rate limits and bounds cut the step.
     * </ol>
     */
    @Override
    public ScalerState initial() {
        return ScalerState.initial();
    }

    @Override
    public ScalerResult<ScalerState> decide(
            ScalerState state, WindowedMetrics window, Instant now) {
        Subject subject = new Subject(window.service(), window.region(), window.kind());
        int observed = window.instances();
        int current = state.hasTarget() ? state.targetInstances() : observed;
        // First sight: nothing decided yet, or only a capacity the actuator reported.
        boolean firstSight = !state.hasTarget() || state.recommendations().isEmpty();
        ScalerState known = firstSight && current > 0 ? state.firstSight(now, current) : state;

        if (current < config.minInstances() || current > config.maxInstances()) {
            return toBounds(subject, known, current, observed, now);
        }
        Optional<MetricProposal> driver = strongestProposal(window, current);
        if (driver.isEmpty()) {
            return new ScalerResult<>(
                    ScalingDecision.noChange(
                            subject,
                            now,
                            current,
                            current,
                            Reason.NO_METRICS,
                            "no cpu, memory or request-rate samples in the window",
                            observed),
                    known);
        }
        MetricProposal proposal = driver.get();
        int recommended = proposal.desired();
        int stabilized = stabilize(known.recommendations(), recommended, current, now);
        ScalerState recorded = known.recommend(now, recommended, config.historyRetention());

        if (stabilized == current) {
            return new ScalerResult<>(
                    hold(subject, now, current, recommended, proposal, observed), recorded);
        }
        if (stabilized > current) {
            return scaleUp(subject, recorded, current, stabilized, proposal, observed, now);
        }
        return scaleDown(subject, recorded, current, stabilized, proposal, observed, now);
    }

    private Optional<MetricProposal> strongestProposal(WindowedMetrics window, int current) {
        int reporting = window.instances();
        int pending = Math.max(0, current - reporting);
        return Stream.of(
                        calculator.utilization(
                                Gauges.CPU,
                                "%",
                                config.targetCpuPercent(),
                                window.gauges().get(Gauges.CPU),
                                current,
                                reporting,
                                pending,
                                Reason.CPU_ABOVE_TARGET,
                                Reason.CPU_BELOW_TARGET),
                        calculator.utilization(
                                Gauges.MEMORY,
                                "%",
                                config.targetMemoryPercent(),
                                window.gauges().get(Gauges.MEMORY),
                                current,
                                reporting,
                                pending,
                                Reason.MEMORY_ABOVE_TARGET,
                                Reason.MEMORY_BELOW_TARGET),
                        calculator.averageValue(
                                Gauges.REQUESTS_PER_SECOND,
                                config.targetRequestsPerInstance(),
                                window.gauges().get(Gauges.REQUESTS_PER_SECOND),
                                current,
                                reporting),
                        calculator.responseTime(
                                config.targetResponseTimeMs(),
                                window.gauges().get(Gauges.RESPONSE_TIME_MS),
                                current))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(MetricProposal::desired));
    }

    /** HPA's stabilizeRecommendationWithBehaviors: windows over past recommendations. */
    private int stabilize(List<Recommendation> history, int recommended, int current, Instant now) {
        Instant upCutoff = now.minus(config.scaleUpStabilization());
        Instant downCutoff = now.minus(config.scaleDownStabilization());
        int up = recommended;
        int down = recommended;
        for (Recommendation r : history) {
            if (r.at().isAfter(upCutoff)) {
                up = Math.min(up, r.instances());
            }
            if (r.at().isAfter(downCutoff)) {
                down = Math.max(down, r.instances());
            }
        }
        int stabilized = current;
        if (stabilized < up) {
            stabilized = up;
        }
        if (stabilized > down) {
            stabilized = down;
        }
        return stabilized;
    }

    private ScalingDecision hold(
            Subject subject,
            Instant now,
            int current,
            int recommended,
            MetricProposal proposal,
            int observed) {
        if (recommended == current) {
            return ScalingDecision.noChange(
                    subject,
                    now,
                    current,
                    recommended,
                    Reason.WITHIN_TOLERANCE,
                    proposal.detail(),
                    observed);
        }
        String window = recommended < current ? "scale-down" : "scale-up";
        return ScalingDecision.suppressed(
                subject,
                now,
                current,
                recommended,
                Reason.STABILIZATION_WINDOW,
                proposal.detail()
                        + "; held at "
                        + current
                        + " by the "
                        + window
                        + " stabilization window",
                observed);
    }

    private ScalerResult<ScalerState> scaleUp(
            Subject subject,
            ScalerState state,
            int current,
            int wanted,
            MetricProposal proposal,
            int observed,
            Instant now) {
        if (current >= config.maxInstances()) {
            return new ScalerResult<>(
                    ScalingDecision.suppressed(
                            subject,
                            now,
                            current,
                            proposal.desired(),
                            Reason.AT_MAX_INSTANCES,
                            proposal.detail() + "; max is " + config.maxInstances(),
                            observed),
                    state);
        }
        int rateLimit = config.scaleUp().scaleUpLimit(current, state.scaleEvents(), now);
        int allowed = Math.min(rateLimit, config.maxInstances());
        if (allowed <= current) {
            return new ScalerResult<>(
                    ScalingDecision.suppressed(
                            subject,
                            now,
                            current,
                            proposal.desired(),
                            Reason.RATE_LIMITED,
                            proposal.detail()
                                    + "; scale-up rules "
                                    + config.scaleUp()
                                    + " allow none now",
                            observed),
                    state);
        }
        int target = Math.min(wanted, allowed);
        List<Limit> limits =
                target == wanted
                        ? List.of()
                        : List.of(allowed == rateLimit ? Limit.RATE_LIMIT : Limit.MAX_INSTANCES);
        return scaled(subject, state, current, target, proposal, limits, observed, now);
    }

    private ScalerResult<ScalerState> scaleDown(
            Subject subject,
            ScalerState state,
            int current,
            int wanted,
            MetricProposal proposal,
            int observed,
            Instant now) {
        if (current <= config.minInstances()) {
            return new ScalerResult<>(
                    ScalingDecision.noChange(
                            subject,
                            now,
                            current,
                            proposal.desired(),
                            Reason.AT_MIN_INSTANCES,
                            proposal.detail() + "; min is " + config.minInstances(),
                            observed),
                    state);
        }
        Instant lastScale = state.lastScaleAt();
        if (lastScale != null && now.isBefore(lastScale.plus(config.cooldown()))) {
            return new ScalerResult<>(
                    ScalingDecision.suppressed(
                            subject,
                            now,
                            current,
                            proposal.desired(),
                            Reason.COOLDOWN,
                            proposal.detail()
                                    + "; last action at "
                                    + lastScale
                                    + ", cooldown "
                                    + config.cooldown().toSeconds()
                                    + "s",
                            observed),
                    state);
        }
        int rateLimit = config.scaleDown().scaleDownLimit(current, state.scaleEvents(), now);
        int allowed = Math.max(rateLimit, config.minInstances());
        if (allowed >= current) {
            return new ScalerResult<>(
                    ScalingDecision.suppressed(
                            subject,
                            now,
                            current,
                            proposal.desired(),
                            Reason.RATE_LIMITED,
                            proposal.detail()
                                    + "; scale-down rules "
                                    + config.scaleDown()
                                    + " allow none now",
                            observed),
                    state);
        }
        int target = Math.max(wanted, allowed);
        List<Limit> limits =
                target == wanted
                        ? List.of()
                        : List.of(allowed == rateLimit ? Limit.RATE_LIMIT : Limit.MIN_INSTANCES);
        return scaled(subject, state, current, target, proposal, limits, observed, now);
    }

    private ScalerResult<ScalerState> scaled(
            Subject subject,
            ScalerState state,
            int current,
            int target,
            MetricProposal proposal,
            List<Limit> limits,
            int observed,
            Instant now) {
        String detail = proposal.detail();
        if (target != proposal.desired()) {
            detail +=
                    "; stepped to "
                            + target
                            + (limits.isEmpty() ? " by stabilization" : " by " + limits);
        }
        return new ScalerResult<>(
                ScalingDecision.scaleTo(
                        subject,
                        now,
                        current,
                        target,
                        proposal.desired(),
                        proposal.reason(),
                        detail,
                        limits,
                        observed),
                state.scaled(now, current, target));
    }

    /** HPA's TooFewReplicas / TooManyReplicas: bounds win over metrics and over every rule. */
    private ScalerResult<ScalerState> toBounds(
            Subject subject, ScalerState state, int current, int observed, Instant now) {
        boolean below = current < config.minInstances();
        int target = below ? config.minInstances() : config.maxInstances();
        String detail = current + " instances is " + (below ? "below min " : "above max ") + target;
        return new ScalerResult<>(
                ScalingDecision.scaleTo(
                        subject,
                        now,
                        current,
                        target,
                        target,
                        below ? Reason.BELOW_MIN_INSTANCES : Reason.ABOVE_MAX_INSTANCES,
                        detail,
                        List.of(below ? Limit.MIN_INSTANCES : Limit.MAX_INSTANCES),
                        observed),
                state.scaled(now, current, target));
    }
}
