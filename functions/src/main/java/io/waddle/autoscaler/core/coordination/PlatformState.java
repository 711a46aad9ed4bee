package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.ServiceRegion;
import io.waddle.autoscaler.core.model.Subject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the coordinator knows of one platform, by service/region key.
 *
 * @param capacities the capacity each service has in each region: from its latest decision, or the
 *     target of the command in flight for it
 * @param locks the command in flight for a service: no other command for it until the actuator
 *     reports the result, the reporting instances reach the target, or the lock expires
 * @param deferred the target of the latest decision a lock held back, to issue once it is released
 * @param silent services whose metrics stopped, with when they were last seen (reported once)
 * @param pinned services whose capacity the coordinator set against their scaler's wish (global
 *     limits): their capacity is this, not what their scaler believes, until it decides anew
 */
public record PlatformState(
        Map<String, Capacity> capacities,
        Map<String, Lock> locks,
        Map<String, Integer> deferred,
        Map<String, Instant> silent,
        Map<String, Integer> pinned)
        implements Serializable {

    public PlatformState {
        capacities = Map.copyOf(capacities);
        locks = Map.copyOf(locks);
        deferred = Map.copyOf(deferred);
        silent = Map.copyOf(silent);
        pinned = Map.copyOf(pinned);
    }

    public static PlatformState empty() {
        return new PlatformState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** A service's capacity in a region: instances, relays, pool connections or cache nodes. */
    public record Capacity(
            String service, String region, ServiceKind kind, int capacity, Instant seenAt)
            implements Serializable {

        public String key() {
            return ServiceRegion.key(service, region);
        }

        public Subject subject() {
            return new Subject(service, region, kind);
        }

        public Capacity withCapacity(int n) {
            return new Capacity(service, region, kind, n, seenAt);
        }
    }

    /**
     * A command in flight.
     *
     * @param scaleUp its direction, to recognise completion from the reporting instances
     * @param headroom whether the coordinator issued it, growing a dependency for a dependent
     */
    public record Lock(
            String commandId, int target, boolean scaleUp, boolean headroom, Instant since)
            implements Serializable {}
}
