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
 * The cache scaler for one cache in one region.
 *
 * <pre>
 * nodes = ceil(used memory × (1 + headroom) / memory per node), within [min, max]
 * </pre>
 *
 * <ul>
 *   <li>Scale up when memory needs more nodes, or when evictions climb (above the floor and 20 %
 *       over the last window) while the hit rate falls: one node (or 20 %) more.
 *   <li>Scale down when the cache is larger than useful: hit rate below 0.5 and evictions below
 *       0.01/s offer 80 % of the nodes (at least one, never below what memory needs), not within
 *       the cooldown.
 *   <li>Nodes also follow memory use down, gently: with nothing evicted and fewer nodes holding the
 *       memory with twice the headroom, one step to 80 % (never below that), not within the
 *       cooldown. Everything cached still fits, so nothing of value is dropped, and the next
 *       scale-up threshold is not right above the new size.
 * </ul>
 */
public final class CacheScaler implements Scaler<CacheScaler.CacheState> {
    private final Config config;

    public record Config(
            int minNodes,
            int maxNodes,
            double memoryPerNodeBytes,
            double headroom,
            double lowHitRate,
            double lowEvictionRate,
            double scaleDownShare,
            double evictionRise,
            Duration cooldown)
            implements java.io.Serializable {

        public Config {
            if (minNodes < 0 || maxNodes < Math.max(1, minNodes) || !(memoryPerNodeBytes > 0)) {
                throw new IllegalArgumentException(
                        "need 0 <= min <= max nodes and memory per node > 0");
            }
        }

        /** The same with the cooldown multiplied by an oscillation damping {@code factor}. */
        public Config damped(double factor) {
            if (factor <= 1.0) {
                return this;
            }
            return new Config(
                    minNodes,
                    maxNodes,
                    memoryPerNodeBytes,
                    headroom,
                    lowHitRate,
                    lowEvictionRate,
                    scaleDownShare,
                    evictionRise,
                    OscillationRule.stretch(cooldown, factor));
        }
    }

    /**
     * @param previousEvictionRate, previousHitRate the last window's, NaN at first sight
     */
    public record CacheState(
            int nodes, Instant lastScaleAt, double previousEvictionRate, double previousHitRate) {
        public static CacheState initial() {
            return new CacheState(0, null, Double.NaN, Double.NaN);
        }
    }

    public CacheScaler(Config config) {
        this.config = config;
    }

    @Override
    public CacheState initial() {
        return CacheState.initial();
    }

    @Override
    public ScalerResult<CacheState> decide(CacheState state, WindowedMetrics w, Instant now) {
        Subject subject = new Subject(w.service(), w.region(), w.kind());
        int current =
                state.nodes() > 0 ? state.nodes() : Math.max(config.minNodes(), w.instances());
        // More nodes reporting than decided, outside the cooldown of this scaler's own last
        // change (when removed nodes may still report): someone else grew the cache (the
        // coordinator, for a compute scale-up's headroom). That is the cache now.
        if (state.nodes() > 0
                && w.instances() > state.nodes()
                && (state.lastScaleAt() == null
                        || !now.isBefore(state.lastScaleAt().plus(config.cooldown())))) {
            current = w.instances();
            state =
                    new CacheState(
                            current,
                            state.lastScaleAt(),
                            state.previousEvictionRate(),
                            state.previousHitRate());
        }
        double used = w.total(Gauges.USED_MEMORY_BYTES);
        double hit = w.mean(Gauges.HIT_RATE);
        double evictions = w.total(Gauges.EVICTION_RATE);
        int byMemory =
                clamp(
                        (int)
                                Math.ceil(
                                        used * (1 + config.headroom()) / config.memoryPerNodeBytes()
                                                - 1e-9));
        String detail =
                String.format(
                        Locale.ROOT,
                        "%.1f GiB used -> %d nodes; hit rate %.2f, evictions %.2f/s",
                        used / (1L << 30),
                        byMemory,
                        hit,
                        evictions);

        int desired = current;
        Reason reason = Reason.WITHIN_TOLERANCE;
        if (byMemory > current) {
            desired = byMemory;
            reason = Reason.MEMORY_ABOVE_CAPACITY;
        }
        boolean rising =
                !Double.isNaN(state.previousEvictionRate())
                        && evictions
                                > Math.max(
                                        config.lowEvictionRate(),
                                        state.previousEvictionRate() * config.evictionRise())
                        && hit < state.previousHitRate();
        if (rising) {
            int grown = clamp(current + Math.max(1, (int) Math.ceil(current * 0.2)));
            if (grown > desired) {
                desired = grown;
                reason = Reason.EVICTIONS_RISING;
                detail +=
                        String.format(
                                Locale.ROOT,
                                "; evictions were %.2f/s, hit rate %.2f",
                                state.previousEvictionRate(),
                                state.previousHitRate());
            }
        }
        Reason shrink = null;
        if (desired == current && evictions < config.lowEvictionRate()) {
            if (hit < config.lowHitRate()) {
                shrink = Reason.LOW_HIT_RATE_NO_EVICTIONS;
            } else if (byMemoryWithSlack(used) < current) {
                shrink = Reason.MEMORY_BELOW_CAPACITY;
            }
        }
        if (shrink != null) {
            // One step of 80 % at a time, never below what memory needs, at least one node.
            int floor =
                    shrink == Reason.MEMORY_BELOW_CAPACITY
                            ? byMemoryWithSlack(used)
                            : Math.max(1, byMemory);
            int offered =
                    clamp(
                            Math.max(
                                    Math.max(1, floor),
                                    (int) Math.floor(current * config.scaleDownShare())));
            if (offered < current) {
                if (state.lastScaleAt() != null
                        && now.isBefore(state.lastScaleAt().plus(config.cooldown()))) {
                    return new ScalerResult<>(
                            ScalingDecision.suppressed(
                                    subject,
                                    now,
                                    current,
                                    offered,
                                    Reason.COOLDOWN,
                                    detail,
                                    w.instances()),
                            new CacheState(current, state.lastScaleAt(), evictions, hit));
                }
                desired = offered;
                reason = shrink;
            }
        }
        if (desired == current) {
            return new ScalerResult<>(
                    ScalingDecision.noChange(
                            subject, now, current, current, reason, detail, w.instances()),
                    new CacheState(current, state.lastScaleAt(), evictions, hit));
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
                new CacheState(desired, now, evictions, hit));
    }

    /**
     * Nodes that would hold {@code used} with twice the headroom: a shrink must leave that much, so
     * that the next scale-up threshold is not right above it (no flapping at the boundary).
     */
    private int byMemoryWithSlack(double used) {
        return clamp(
                (int)
                        Math.ceil(
                                used * (1 + 2 * config.headroom()) / config.memoryPerNodeBytes()
                                        - 1e-9));
    }

    private int clamp(int n) {
        return Math.max(config.minNodes(), Math.min(config.maxNodes(), n));
    }
}
