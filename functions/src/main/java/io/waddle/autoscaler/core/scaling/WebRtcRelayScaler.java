package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Limit;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The WebRTC relay scaler for one service in one region.
 *
 * <pre>
 * needed = ceil(max(connections / connections per relay, bandwidth / bandwidth per relay)), within [min, max]
 * </pre>
 *
 * <ul>
 *   <li>Packet loss or latency above the policy's limits is pressure: at least 20 % (and one relay)
 *       more than now, whatever the connections say; not again while relays asked for are still
 *       starting.
 *   <li>Scale-up is immediate; scale-down only when the need falls below 70 % of the current relays
 *       (moving calls between relays drops media), and not within the cooldown of the last action.
 * </ul>
 */
public final class WebRtcRelayScaler implements Scaler<ScalerState> {
    private final Config config;

    /**
     * @param scaleDownMargin scale down only when the need is below this share of the current
     *     relays
     * @param pressureStep the share added under packet-loss or latency pressure
     */
    public record Config(
            int minRelays,
            int maxRelays,
            double connectionsPerRelay,
            double bandwidthPerRelayBps,
            double maxPacketLoss,
            double maxLatencyMs,
            double scaleDownMargin,
            double pressureStep,
            Duration cooldown)
            implements java.io.Serializable {

        public Config {
            if (minRelays < 0 || maxRelays < Math.max(1, minRelays)) {
                throw new IllegalArgumentException("need 0 <= min relays <= max relays, max >= 1");
            }
            if (!(connectionsPerRelay > 0) || !(bandwidthPerRelayBps > 0)) {
                throw new IllegalArgumentException("per-relay capacities must be > 0");
            }
            if (!(scaleDownMargin > 0 && scaleDownMargin <= 1)) {
                throw new IllegalArgumentException(
                        "scale-down margin must be in (0, 1]: " + scaleDownMargin);
            }
        }

        /** The same with the cooldown multiplied by an oscillation damping {@code factor}. */
        public Config damped(double factor) {
            if (factor <= 1.0) {
                return this;
            }
            return new Config(
                    minRelays,
                    maxRelays,
                    connectionsPerRelay,
                    bandwidthPerRelayBps,
                    maxPacketLoss,
                    maxLatencyMs,
                    scaleDownMargin,
                    pressureStep,
                    OscillationRule.stretch(cooldown, factor));
        }
    }

    public WebRtcRelayScaler(Config config) {
        this.config = config;
    }

    @Override
    public ScalerState initial() {
        return ScalerState.initial();
    }

    @Override
    public ScalerResult<ScalerState> decide(ScalerState state, WindowedMetrics w, Instant now) {
        Subject subject = new Subject(w.service(), w.region(), w.kind());
        int current = state.hasTarget() ? state.targetInstances() : w.instances();
        if (w.gauge(Gauges.CONNECTIONS).isEmpty() && w.gauge(Gauges.BANDWIDTH_BPS).isEmpty()) {
            return new ScalerResult<>(
                    ScalingDecision.noChange(
                            subject,
                            now,
                            current,
                            current,
                            Reason.NO_METRICS,
                            "no connections or bandwidth samples in the window",
                            w.instances()),
                    state);
        }
        double byConnections = w.total(Gauges.CONNECTIONS) / config.connectionsPerRelay();
        double byBandwidth = w.total(Gauges.BANDWIDTH_BPS) / config.bandwidthPerRelayBps();
        int raw = (int) Math.ceil(Math.max(byConnections, byBandwidth) - 1e-9);
        int needed = clamp(raw);
        Reason reason =
                byBandwidth > byConnections
                        ? Reason.BANDWIDTH_ABOVE_CAPACITY
                        : Reason.CONNECTIONS_ABOVE_CAPACITY;
        String detail =
                String.format(
                        Locale.ROOT,
                        "%.0f connections, %.2f Gbit/s -> %d relays",
                        w.total(Gauges.CONNECTIONS),
                        w.total(Gauges.BANDWIDTH_BPS) / 1e9,
                        needed);

        // Relays asked for but not reporting yet are capacity on its way: pressure does not stack.
        Reason pressure = current > w.instances() ? null : pressure(w);
        if (pressure != null) {
            int pushed =
                    clamp(current + Math.max(1, (int) Math.ceil(current * config.pressureStep())));
            if (pushed > needed) {
                needed = pushed;
                reason = pressure;
                detail +=
                        String.format(
                                        Locale.ROOT,
                                        "; packet loss %.3f (limit %.3f), latency %.0f ms (limit"
                                                + " %.0f)",
                                        w.mean(Gauges.PACKET_LOSS),
                                        config.maxPacketLoss(),
                                        w.mean(Gauges.LATENCY_MS),
                                        config.maxLatencyMs())
                                + " -> "
                                + needed;
            }
        }
        ScalerState known = state.hasTarget() ? state : state.observing(current);
        if (needed > current) {
            return scaled(subject, known, current, needed, reason, detail, w, now);
        }
        if (needed < current && needed < current * config.scaleDownMargin()) {
            Instant last = known.lastScaleAt();
            if (last != null && now.isBefore(last.plus(config.cooldown()))) {
                return new ScalerResult<>(
                        ScalingDecision.suppressed(
                                subject,
                                now,
                                current,
                                needed,
                                Reason.COOLDOWN,
                                detail + "; last action at " + last,
                                w.instances()),
                        known);
            }
            return scaled(
                    subject, known, current, needed, Reason.RELAYS_ABOVE_NEED, detail, w, now);
        }
        if (raw > config.maxRelays() && current >= config.maxRelays()) {
            return new ScalerResult<>(
                    ScalingDecision.suppressed(
                            subject,
                            now,
                            current,
                            raw,
                            Reason.AT_MAX_INSTANCES,
                            detail + "; max is " + config.maxRelays(),
                            w.instances()),
                    known);
        }
        Reason hold = needed == current ? Reason.WITHIN_TOLERANCE : Reason.WITHIN_SCALE_DOWN_MARGIN;
        return new ScalerResult<>(
                ScalingDecision.noChange(
                        subject, now, current, needed, hold, detail, w.instances()),
                known);
    }

    private Reason pressure(WindowedMetrics w) {
        if (w.gauge(Gauges.PACKET_LOSS).isPresent()
                && w.mean(Gauges.PACKET_LOSS) > config.maxPacketLoss()) {
            return Reason.PACKET_LOSS_ABOVE_LIMIT;
        }
        if (w.gauge(Gauges.LATENCY_MS).isPresent()
                && w.mean(Gauges.LATENCY_MS) > config.maxLatencyMs()) {
            return Reason.LATENCY_ABOVE_LIMIT;
        }
        return null;
    }

    private ScalerResult<ScalerState> scaled(
            Subject subject,
            ScalerState state,
            int current,
            int target,
            Reason reason,
            String detail,
            WindowedMetrics w,
            Instant now) {
        List<Limit> limits = List.of();
        return new ScalerResult<>(
                ScalingDecision.scaleTo(
                        subject,
                        now,
                        current,
                        target,
                        target,
                        reason,
                        detail,
                        limits,
                        w.instances()),
                state.scaled(now, current, target));
    }

    private int clamp(int n) {
        return Math.max(config.minRelays(), Math.min(config.maxRelays(), n));
    }
}
