package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The database connection-pool scaler for one pool in one region.
 *
 * <pre>
 * connections = compute workers × connections per worker, within [min, max]
 * </pre>
 *
 * <ul>
 *   <li>It grows by a step (20 %, at least one) when the queue depth or the query time has stayed
 *       above its target for the pressure duration, and not again while connections it asked for
 *       are not open yet (the proxies report the pool size).
 *   <li>It shrinks only once the pool has been larger than needed for the idle timeout.
 *   <li>The workers are the compute instances the pool's proxies count as clients; a pool size the
 *       proxies report above the decided one (grown by the coordinator) becomes the pool's size.
 *   <li>Replication-lag guard: while the replica set lags beyond the policy limit, no growth is
 *       allowed (more connections would add load to it); such decisions are suppressed with a
 *       reason.
 * </ul>
 */
public final class DatabasePoolScaler implements Scaler<DatabasePoolScaler.PoolState> {
    private final Config config;

    public record Config(
            int minConnections,
            int maxConnections,
            int connectionsPerWorker,
            double targetQueueDepth,
            double targetQueryTimeMs,
            double maxReplicationLagSeconds,
            Duration idleTimeout,
            Duration pressureDuration,
            double growthStep)
            implements java.io.Serializable {

        public Config {
            if (minConnections < 0
                    || maxConnections < Math.max(1, minConnections)
                    || connectionsPerWorker < 1) {
                throw new IllegalArgumentException(
                        "need 0 <= min <= max connections and >= 1 per worker");
            }
        }

        /** The same with the idle timeout multiplied by an oscillation damping {@code factor}. */
        public Config damped(double factor) {
            if (factor <= 1.0) {
                return this;
            }
            return new Config(
                    minConnections,
                    maxConnections,
                    connectionsPerWorker,
                    targetQueueDepth,
                    targetQueryTimeMs,
                    maxReplicationLagSeconds,
                    OscillationRule.stretch(idleTimeout, factor),
                    pressureDuration,
                    growthStep);
        }
    }

    /**
     * @param size the pool size last decided (0: not yet known)
     * @param pressureSince when queue depth or query time went above target, or null
     * @param idleSince since when the pool has been larger than needed, or null
     */
    public record PoolState(
            int size, Instant lastScaleAt, Instant pressureSince, Instant idleSince) {
        public static PoolState initial() {
            return new PoolState(0, null, null, null);
        }
    }

    public DatabasePoolScaler(Config config) {
        this.config = config;
    }

    /**
     * @param computeWorkers the compute instances that use this pool, or -1 if unknown (then only
     *     the pressure and idle rules apply)
     */
    /**
     * Decides with the compute workers the pool's proxies count ({@code client_instances}, summed
     * over the proxies), or, if they report none, with the pressure and idle rules only.
     */
    @Override
    public PoolState initial() {
        return PoolState.initial();
    }

    @Override
    public ScalerResult<PoolState> decide(PoolState state, WindowedMetrics w, Instant now) {
        int workers =
                w.gauge(Gauges.CLIENT_INSTANCES).isPresent()
                        ? (int) Math.round(w.total(Gauges.CLIENT_INSTANCES))
                        : -1;
        return decide(state, w, workers, now);
    }

    public ScalerResult<PoolState> decide(
            PoolState state, WindowedMetrics w, int computeWorkers, Instant now) {
        Subject subject = new Subject(w.service(), w.region(), w.kind());
        // At first sight: the pool size the proxies report, else the connections in use.
        double reported =
                w.gauge(Gauges.POOL_SIZE).isPresent()
                        ? w.total(Gauges.POOL_SIZE)
                        : w.total(Gauges.ACTIVE_CONNECTIONS);
        int current = state.size() > 0 ? state.size() : clamp((int) Math.round(reported));
        // A pool the proxies report larger than decided, outside the idle timeout of this
        // scaler's own last change (a shrink it asked for may not have taken effect yet), was grown
        // by someone else (the coordinator, for a compute scale-up's headroom): that is the pool.
        if (state.size() > 0
                && w.gauge(Gauges.POOL_SIZE).isPresent()
                && Math.round(reported) > state.size()
                && (state.lastScaleAt() == null
                        || !now.isBefore(state.lastScaleAt().plus(config.idleTimeout())))) {
            current = (int) Math.round(reported);
            state = new PoolState(current, state.lastScaleAt(), state.pressureSince(), null);
        }
        boolean queueHigh =
                w.gauge(Gauges.QUEUE_DEPTH).isPresent()
                        && w.mean(Gauges.QUEUE_DEPTH) > config.targetQueueDepth();
        boolean queryHigh =
                w.gauge(Gauges.QUERY_TIME_MS).isPresent()
                        && w.mean(Gauges.QUERY_TIME_MS) > config.targetQueryTimeMs();
        Instant pressureSince =
                queueHigh || queryHigh
                        ? (state.pressureSince() != null ? state.pressureSince() : now)
                        : null;
        boolean sustained =
                pressureSince != null
                        && !now.isBefore(pressureSince.plus(config.pressureDuration()));

        int desired =
                computeWorkers >= 0 ? computeWorkers * config.connectionsPerWorker() : current;
        Reason reason = Reason.WORKERS_NEED_CONNECTIONS;
        String detail =
                computeWorkers >= 0
                        ? computeWorkers
                                + " workers x "
                                + config.connectionsPerWorker()
                                + " = "
                                + desired
                        : "workers unknown";
        // Connections asked for but not open yet are capacity on its way: pressure does not stack.
        boolean pending = w.gauge(Gauges.POOL_SIZE).isPresent() && current > Math.round(reported);
        if (sustained && !pending) {
            int grown = current + Math.max(1, (int) Math.ceil(current * config.growthStep()));
            if (grown > desired) {
                desired = grown;
                reason =
                        queueHigh
                                ? Reason.QUEUE_DEPTH_ABOVE_TARGET
                                : Reason.QUERY_TIME_ABOVE_TARGET;
                detail +=
                        String.format(
                                Locale.ROOT,
                                "; queue %.1f (target %.1f), query %.0f ms (target %.0f) since %s"
                                        + " -> %d",
                                w.mean(Gauges.QUEUE_DEPTH),
                                config.targetQueueDepth(),
                                w.mean(Gauges.QUERY_TIME_MS),
                                config.targetQueryTimeMs(),
                                pressureSince,
                                grown);
            }
        }
        desired = clamp(desired);

        if (desired > current) {
            double lag = w.max(Gauges.REPLICATION_LAG_S);
            if (!Double.isNaN(lag) && lag > config.maxReplicationLagSeconds()) {
                return new ScalerResult<>(
                        ScalingDecision.suppressed(
                                subject,
                                now,
                                current,
                                desired,
                                Reason.REPLICATION_LAG_GUARD,
                                detail
                                        + String.format(
                                                Locale.ROOT,
                                                "; replication lag %.1f s > %.1f s",
                                                lag,
                                                config.maxReplicationLagSeconds()),
                                w.instances()),
                        new PoolState(current, state.lastScaleAt(), pressureSince, null));
            }
            return new ScalerResult<>(
                    ScalingDecision.scaleTo(
                            subject,
                            now,
                            current,
                            desired,
                            desired,
                            reason,
                            detail,
                            List.of(),
                            w.instances()),
                    new PoolState(desired, now, pressureSince, null));
        }
        if (desired < current && !sustained) {
            Instant idleSince = state.idleSince() != null ? state.idleSince() : now;
            if (now.isBefore(idleSince.plus(config.idleTimeout()))) {
                return new ScalerResult<>(
                        ScalingDecision.suppressed(
                                subject,
                                now,
                                current,
                                desired,
                                Reason.IDLE_TIMEOUT,
                                detail + "; larger than needed since " + idleSince,
                                w.instances()),
                        new PoolState(current, state.lastScaleAt(), pressureSince, idleSince));
            }
            return new ScalerResult<>(
                    ScalingDecision.scaleTo(
                            subject,
                            now,
                            current,
                            desired,
                            desired,
                            Reason.POOL_ABOVE_NEED,
                            detail + "; larger than needed since " + idleSince,
                            List.of(),
                            w.instances()),
                    new PoolState(desired, now, pressureSince, null));
        }
        return new ScalerResult<>(
                ScalingDecision.noChange(
                        subject,
                        now,
                        current,
                        desired,
                        Reason.WITHIN_TOLERANCE,
                        detail,
                        w.instances()),
                new PoolState(current, state.lastScaleAt(), pressureSince, null));
    }

    private int clamp(int n) {
        return Math.max(config.minConnections(), Math.min(config.maxConnections(), n));
    }
}
