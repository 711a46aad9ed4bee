package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.scaling.CacheScaler.CacheState;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler.PoolState;
import java.util.Optional;

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

    /**
     * The actuator's inventory ({@code observed}: a capacity no command of this job set, found when
     * the actuator starts or after a change by hand): {@code capacity} is what the service has, in
     * its kind's unit (instances, relays, connections, nodes), whatever instance ids report. The
     * next window is decided from it; a service seen for the first time also keeps it through the
     * stabilization window, as at any first sight.
     *
     * @param state what the service remembered, or null if nothing
     * @param inventory an observed result; its capacity at least 1, else (or if not observed, or of
     *     no known kind) the state is left as it is
     */
    public static ServiceState withInventory(ServiceState state, ActuationResult inventory) {
        ServiceState st = state != null ? state : EMPTY;
        int capacity = inventory.capacity();
        Optional<ServiceKind> kind = inventory.serviceKind();
        if (!inventory.isObservation() || capacity < 1 || kind.isEmpty()) {
            return st;
        }
        return switch (kind.get()) {
            case COMPUTE, WEBRTC ->
                    st.withScaler(
                            (st.scaler() != null ? st.scaler() : ScalerState.initial())
                                    .observing(capacity));
            case DATABASE -> {
                PoolState p = st.pool() != null ? st.pool() : PoolState.initial();
                yield st.withPool(
                        new PoolState(capacity, p.lastScaleAt(), p.pressureSince(), p.idleSince()));
            }
            case CACHE -> {
                CacheState c = st.cache() != null ? st.cache() : CacheState.initial();
                yield st.withCache(
                        new CacheState(
                                capacity,
                                c.lastScaleAt(),
                                c.previousEvictionRate(),
                                c.previousHitRate()));
            }
        };
    }

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
