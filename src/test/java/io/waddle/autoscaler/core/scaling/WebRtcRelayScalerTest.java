package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebRtcRelayScalerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Instant TEN_MINUTES_LATER = START.plusSeconds(600);

    private final WebRtcRelayScaler scaler = new WebRtcRelayScaler(Defaults.webrtc());

    private static ScalerState settledAt(int relays) {
        return new ScalerState(relays, null, List.of(), List.of());
    }

    /** {@code relays} relays carrying {@code connections} and {@code gbps} in total. */
    private static WindowedMetrics relays(
            int relays, double connections, double gbps, Double loss, Double latencyMs) {
        Map<String, GaugeStats> g = new HashMap<>();
        g.put(Gauges.CONNECTIONS, new GaugeStats(relays, connections, connections / relays));
        g.put(Gauges.BANDWIDTH_BPS, new GaugeStats(relays, gbps * 1e9, gbps * 1e9 / relays));
        if (loss != null) {
            g.put(Gauges.PACKET_LOSS, new GaugeStats(relays, loss * relays, loss));
        }
        if (latencyMs != null) {
            g.put(Gauges.LATENCY_MS, new GaugeStats(relays, latencyMs * relays, latencyMs));
        }
        return new WindowedMetrics(
                "relay", "eu-west", ServiceKind.WEBRTC, START.minusSeconds(60), START, relays, g);
    }

    @Test
    void relaysFollowConnections() {
        ScalingDecision d =
                scaler.decide(settledAt(4), relays(4, 6_500, 2, null, null), START).decision();

        assertThat(d.to()).isEqualTo(7); // ceil(6,500 / 1,000)
        assertThat(d.reason()).isEqualTo(Reason.CONNECTIONS_ABOVE_CAPACITY);
    }

    @Test
    void relaysFollowBandwidthWhenItNeedsMore() {
        ScalingDecision d =
                scaler.decide(settledAt(4), relays(4, 3_000, 8.5, null, null), START).decision();

        assertThat(d.to()).isEqualTo(9); // ceil(8.5 Gbit/s / 1 Gbit/s)
        assertThat(d.reason()).isEqualTo(Reason.BANDWIDTH_ABOVE_CAPACITY);
    }

    @Test
    void scalesDownOnlyBelowSeventyPercentOfCurrent() {
        // 10 relays: 7,500 connections need 8 (80 %): held; 6,500 need 7 (70 %): held; 6,000 need
        // 6: down.
        assertThat(
                        scaler.decide(settledAt(10), relays(10, 7_500, 1, null, null), START)
                                .decision()
                                .reason())
                .isEqualTo(Reason.WITHIN_SCALE_DOWN_MARGIN);
        assertThat(
                        scaler.decide(settledAt(10), relays(10, 6_500, 1, null, null), START)
                                .decision()
                                .to())
                .isEqualTo(10);
        ScalingDecision down =
                scaler.decide(settledAt(10), relays(10, 6_000, 1, null, null), START).decision();
        assertThat(down.to()).isEqualTo(6);
        assertThat(down.reason()).isEqualTo(Reason.RELAYS_ABOVE_NEED);
    }

    @Test
    void packetLossAboveTheLimitIsPressureToScaleUp() {
        ScalingDecision d =
                scaler.decide(settledAt(10), relays(10, 5_000, 1, 0.05, 40.0), START).decision();

        assertThat(d.to()).isEqualTo(12); // +20 %
        assertThat(d.reason()).isEqualTo(Reason.PACKET_LOSS_ABOVE_LIMIT);
    }

    @Test
    void latencyAboveTheLimitIsPressureToScaleUp() {
        ScalingDecision d =
                scaler.decide(settledAt(3), relays(3, 1_000, 1, 0.001, 400.0), START).decision();

        assertThat(d.to()).isEqualTo(4); // at least one more
        assertThat(d.reason()).isEqualTo(Reason.LATENCY_ABOVE_LIMIT);
    }

    @Test
    void aScaleDownWaitsForTheCooldownAfterAScaleUp() {
        ScalerResult<ScalerState> up =
                scaler.decide(settledAt(4), relays(4, 9_000, 1, null, null), START);
        ScalingDecision tooSoon =
                scaler.decide(up.next(), relays(9, 2_000, 1, null, null), ONE_MINUTE_LATER)
                        .decision();
        ScalingDecision later =
                scaler.decide(up.next(), relays(9, 2_000, 1, null, null), TEN_MINUTES_LATER)
                        .decision();

        assertThat(tooSoon.reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(later.to()).isEqualTo(2);
    }

    @Test
    void staysWithinTheRelayBounds() {
        ScalingDecision atMax =
                scaler.decide(settledAt(50), relays(50, 90_000, 1, null, null), START).decision();
        ScalingDecision toMax =
                scaler.decide(settledAt(40), relays(40, 90_000, 1, null, null), START).decision();

        assertThat(atMax.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(atMax.reason()).isEqualTo(Reason.AT_MAX_INSTANCES);
        assertThat(toMax.to()).isEqualTo(50);
    }
}
