package io.waddle.autoscaler.scaling;

import io.waddle.autoscaler.model.ActuationResult;
import io.waddle.autoscaler.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.scaling.DatabasePoolScaler.PoolState;
import java.time.Instant;

/**
 * A capacity the actuator applied or observed that a scaler did not decide itself (the coordinator
 * grew a dependency, trimmed to a global limit, or someone scaled by hand) becomes the scaler's
 * own, unless the scaler has decided since. Before its first decision a scaler has nothing to adopt
 * into: first sight reads the capacity from the metrics.
 */
public final class Adoption {
    private Adoption() {}

    public static ScalerState adopt(ScalerState s, ActuationResult r) {
        if (s == null
                || !s.hasTarget()
                || s.targetInstances() == r.capacity()
                || stale(r, s.lastScaleAt())) {
            return s;
        }
        return s.observing(r.capacity());
    }

    public static PoolState adopt(PoolState p, ActuationResult r) {
        if (p == null || p.size() == 0 || p.size() == r.capacity() || stale(r, p.lastScaleAt())) {
            return p;
        }
        return new PoolState(r.capacity(), r.decidedAt(), p.pressureSince(), p.idleSince());
    }

    public static CacheState adopt(CacheState c, ActuationResult r) {
        if (c == null || c.nodes() == 0 || c.nodes() == r.capacity() || stale(r, c.lastScaleAt())) {
            return c;
        }
        return new CacheState(
                r.capacity(), r.decidedAt(), c.previousEvictionRate(), c.previousHitRate());
    }

    private static boolean stale(ActuationResult r, Instant lastChange) {
        return !r.setsCapacity() || (lastChange != null && r.decidedAt().isBefore(lastChange));
    }
}
