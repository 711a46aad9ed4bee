package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler.PoolState;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabasePoolScalerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant THIRTY_SECONDS_LATER = START.plusSeconds(30);
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Instant FIVE_MINUTES_LATER = START.plusSeconds(300);

    private final DatabasePoolScaler scaler = new DatabasePoolScaler(Defaults.database());

    private static PoolState pool(int size) {
        return new PoolState(size, null, null, null);
    }

    private static WindowedMetrics window(
            Instant end, double queue, double queryMs, double lagSeconds) {
        Map<String, GaugeStats> g = new HashMap<>();
        g.put(Gauges.ACTIVE_CONNECTIONS, new GaugeStats(2, 100, 60));
        g.put(Gauges.QUEUE_DEPTH, new GaugeStats(2, 2 * queue, queue));
        g.put(Gauges.QUERY_TIME_MS, new GaugeStats(2, 2 * queryMs, queryMs));
        g.put(Gauges.REPLICATION_LAG_S, new GaugeStats(2, 2 * lagSeconds, lagSeconds));
        return new WindowedMetrics(
                "chat-db", "eu-west", ServiceKind.DATABASE, end.minusSeconds(60), end, 2, g);
    }

    @Test
    void connectionsFollowTheComputeWorkers() {
        ScalingDecision d = scaler.decide(pool(100), window(START, 1, 10, 0), 18, START).decision();

        assertThat(d.to()).isEqualTo(180); // 18 workers x 10
        assertThat(d.reason()).isEqualTo(Reason.WORKERS_NEED_CONNECTIONS);
    }

    @Test
    void growsWhenTheQueueStaysAboveTargetForThePressureDuration() {
        ScalerResult<PoolState> first =
                scaler.decide(pool(100), window(START, 12, 10, 0), 10, START);
        ScalerResult<PoolState> sustained =
                scaler.decide(
                        first.next(), window(ONE_MINUTE_LATER, 12, 10, 0), 10, ONE_MINUTE_LATER);

        assertThat(first.decision().outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(sustained.decision().to()).isEqualTo(120); // +20 %
        assertThat(sustained.decision().reason()).isEqualTo(Reason.QUEUE_DEPTH_ABOVE_TARGET);
    }

    @Test
    void shrinksOnlyAfterTheIdleTimeout() {
        ScalerResult<PoolState> first = scaler.decide(pool(200), window(START, 0, 5, 0), 10, START);
        ScalerResult<PoolState> later =
                scaler.decide(
                        first.next(),
                        window(THIRTY_SECONDS_LATER, 0, 5, 0),
                        10,
                        THIRTY_SECONDS_LATER);
        ScalerResult<PoolState> afterTimeout =
                scaler.decide(
                        later.next(), window(FIVE_MINUTES_LATER, 0, 5, 0), 10, FIVE_MINUTES_LATER);

        assertThat(first.decision().reason()).isEqualTo(Reason.IDLE_TIMEOUT);
        assertThat(later.decision().reason()).isEqualTo(Reason.IDLE_TIMEOUT);
        assertThat(afterTimeout.decision().to()).isEqualTo(100);
        assertThat(afterTimeout.decision().reason()).isEqualTo(Reason.POOL_ABOVE_NEED);
    }

    @Test
    void neverGrowsWhileTheReplicaSetLags() {
        ScalingDecision d =
                scaler.decide(pool(100), window(START, 1, 10, 45), 18, START).decision();

        assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(d.reason()).isEqualTo(Reason.REPLICATION_LAG_GUARD);
        assertThat(d.recommended()).isEqualTo(180);
        assertThat(d.detail()).contains("replication lag 45.0 s > 10.0 s");
    }

    @Test
    void staysWithinThePoolBounds() {
        assertThat(scaler.decide(pool(900), window(START, 1, 10, 0), 500, START).decision().to())
                .isEqualTo(1000);
        ScalerResult<PoolState> idle = scaler.decide(pool(20), window(START, 0, 1, 0), 0, START);
        assertThat(idle.decision().recommended()).isEqualTo(10);
    }

    @Test
    void theWorkersAreTheClientInstancesTheProxiesCount() {
        WindowedMetrics w = window(START, 1, 10, 0);
        Map<String, GaugeStats> g = new HashMap<>(w.gauges());
        g.put(Gauges.CLIENT_INSTANCES, new GaugeStats(2, 18, 9)); // 9 per proxy
        WindowedMetrics withClients =
                new WindowedMetrics(
                        w.service(), w.region(), w.kind(), w.windowStart(), w.windowEnd(), 2, g);

        assertThat(scaler.decide(pool(100), withClients, START).decision().to()).isEqualTo(180);
        assertThat(scaler.decide(pool(100), w, START).decision().outcome())
                .as("without client counts only the pressure and idle rules apply")
                .isEqualTo(Outcome.NO_CHANGE);
    }

    @Test
    void aLargerPoolTheProxiesReportIsThePoolsSize() {
        WindowedMetrics w = window(START, 1, 10, 0);
        Map<String, GaugeStats> g = new HashMap<>(w.gauges());
        g.put(Gauges.POOL_SIZE, new GaugeStats(2, 216, 108));
        WindowedMetrics grown =
                new WindowedMetrics(
                        w.service(), w.region(), w.kind(), w.windowStart(), w.windowEnd(), 2, g);

        ScalerResult<PoolState> r = scaler.decide(pool(120), grown, 18, START);

        assertThat(r.decision().from()).isEqualTo(216);
        assertThat(r.decision().reason()).isEqualTo(Reason.IDLE_TIMEOUT); // 180 needed
        assertThat(r.next().size()).isEqualTo(216);
    }

    @Test
    void aShrinkNotYetInEffectIsNotUndoneByTheLargerPoolStillReported() {
        WindowedMetrics w = window(ONE_MINUTE_LATER, 1, 10, 0);
        Map<String, GaugeStats> g = new HashMap<>(w.gauges());
        g.put(Gauges.POOL_SIZE, new GaugeStats(2, 492, 246));
        WindowedMetrics stillOld =
                new WindowedMetrics(
                        w.service(), w.region(), w.kind(), w.windowStart(), w.windowEnd(), 2, g);
        PoolState justShrunk = new PoolState(410, START, null, null);

        ScalerResult<PoolState> r = scaler.decide(justShrunk, stillOld, 41, ONE_MINUTE_LATER);

        assertThat(r.decision().from()).isEqualTo(410);
        assertThat(r.decision().outcome()).isEqualTo(Outcome.NO_CHANGE);
    }
}
