package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler.PoolState;

/**
 * What the evaluation of one service remembers between windows. A service has one kind, so only its
 * kind's part is ever set; every part is null until first needed.
 *
 * @param scaler the compute or relay scaler's state
 * @param trend the compute service's load trend
 * @param pool the database pool scaler's state
 * @param cache the cache scaler's state
 * @param damping the oscillation rule's state, for every kind
 */
public record ServiceState(
        ScalerState scaler,
        LoadTrend trend,
        PoolState pool,
        CacheState cache,
        OscillationRule.State damping) {

    public static final ServiceState EMPTY = new ServiceState(null, null, null, null, null);

    public ServiceState withScaler(ScalerState s) {
        return new ServiceState(s, trend, pool, cache, damping);
    }

    ServiceState withTrend(LoadTrend t) {
        return new ServiceState(scaler, t, pool, cache, damping);
    }

    ServiceState withPool(PoolState p) {
        return new ServiceState(scaler, trend, p, cache, damping);
    }

    ServiceState withCache(CacheState c) {
        return new ServiceState(scaler, trend, pool, c, damping);
    }

    ServiceState withDamping(OscillationRule.State d) {
        return new ServiceState(scaler, trend, pool, cache, d);
    }
}
