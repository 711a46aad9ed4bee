package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.PolicyMode;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one evaluation of a service sends each kind's window to its own scaler and state. */
class ServiceEvaluatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final double GIB = 1L << 30;

    private final ServiceEvaluator evaluator = new ServiceEvaluator(8);
    private final ServiceSettings settings = Defaults.settings();

    private static WindowedMetrics window(
            ServiceKind kind, String service, Map<String, GaugeStats> gauges, int instances) {
        return new WindowedMetrics(
                service, "eu-west", kind, START.minusSeconds(60), START, instances, gauges);
    }

    private static WindowedMetrics relays() {
        return window(
                ServiceKind.WEBRTC,
                "relay",
                Map.of("connections", new GaugeStats(4, 6_500, 1_700)),
                4);
    }

    @Test
    void aRelayWindowIsDecidedByTheRelayScalerAndKeepsItsState() {
        ServiceEvaluator.Evaluation e = evaluator.evaluate(null, relays(), Matches.NONE, settings);

        Decision d = e.decision();
        assertThat(d.kind()).isEqualTo(ServiceKind.WEBRTC);
        assertThat(d.reason()).isEqualTo(Reason.CONNECTIONS_ABOVE_CAPACITY);
        assertThat(d.to()).isEqualTo(7);
        assertThat(d.policy()).isEqualTo(PolicyRef.BUILTIN);
        assertThat(e.next().scaler().targetInstances()).isEqualTo(7);
        assertThat(e.next().pool()).isNull();
        assertThat(e.next().cache()).isNull();
        assertThat(e.next().damping()).isNotNull();
    }

    @Test
    void aCacheWindowIsDecidedByTheCacheScaler() {
        WindowedMetrics w =
                window(
                        ServiceKind.CACHE,
                        "sessions-cache",
                        Map.of(
                                "used_memory_bytes",
                                new GaugeStats(4, 20 * GIB, 5 * GIB),
                                "hit_rate",
                                new GaugeStats(4, 3.6, 0.9)),
                        4);

        ServiceEvaluator.Evaluation e = evaluator.evaluate(null, w, Matches.NONE, settings);

        assertThat(e.decision().reason()).isEqualTo(Reason.MEMORY_ABOVE_CAPACITY);
        assertThat(e.decision().to()).isEqualTo(7);
        assertThat(e.next().cache()).isNotNull();
        assertThat(e.next().scaler()).isNull();
    }

    @Test
    void aPoolWindowIsDecidedByThePoolScaler() {
        WindowedMetrics w =
                window(
                        ServiceKind.DATABASE,
                        "chat-db",
                        Map.of(
                                "pool_size", new GaugeStats(2, 100, 50),
                                "client_instances", new GaugeStats(2, 14, 7),
                                "active_connections", new GaugeStats(2, 50, 25),
                                "queue_depth", new GaugeStats(2, 0, 0),
                                "query_time_ms", new GaugeStats(2, 16, 8),
                                "replication_lag_s", new GaugeStats(2, 1, 0.5)),
                        2);

        ServiceEvaluator.Evaluation e = evaluator.evaluate(null, w, Matches.NONE, settings);

        assertThat(e.decision().reason()).isEqualTo(Reason.WORKERS_NEED_CONNECTIONS);
        assertThat(e.decision().to()).isEqualTo(140);
        assertThat(e.next().pool()).isNotNull();
    }

    @Test
    void underADryRunARelayDecisionIsWithheldAndTheScalerKeepsWhatItHad() {
        ServiceSettings dryRun = settings.under(new PolicyRef("try", 1, PolicyMode.DRY_RUN));

        ServiceEvaluator.Evaluation e = evaluator.evaluate(null, relays(), Matches.NONE, dryRun);

        assertThat(e.decision().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(e.decision().reason()).isEqualTo(Reason.DRY_RUN);
        assertThat(e.decision().recommended()).isEqualTo(7);
        assertThat(e.next().scaler()).isEqualTo(ScalerState.initial());
    }
}
