package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The working copy of a platform's state during one round: what each stage of the coordinator reads
 * and changes, turned back into an immutable {@link PlatformState} at the end.
 */
final class Round {
    final Instant now;
    final Map<String, Capacity> capacities;
    final Map<String, Lock> locks;
    final Map<String, Integer> deferred;
    final Map<String, Instant> silent;
    final Map<String, Integer> pinned;

    Round(PlatformState s, Instant now) {
        this.now = now;
        this.capacities = new TreeMap<>(s.capacities());
        this.locks = new HashMap<>(s.locks());
        this.deferred = new HashMap<>(s.deferred());
        this.silent = new HashMap<>(s.silent());
        this.pinned = new HashMap<>(s.pinned());
    }

    PlatformState state() {
        return new PlatformState(capacities, locks, deferred, silent, pinned);
    }

    /** The capacity the platform has for a service: its known capacity, 0 if unknown. */
    int capacity(String key) {
        Capacity c = capacities.get(key);
        return c == null ? 0 : c.capacity();
    }

    /** Records {@code capacity} as what the service has, seen now. */
    void record(Decision d, int capacity) {
        capacities.put(
                d.serviceRegionKey(),
                new Capacity(d.service(), d.region(), d.kind(), capacity, now));
    }

    /** Forgets everything about a service. */
    void forget(String key) {
        capacities.remove(key);
        locks.remove(key);
        deferred.remove(key);
        silent.remove(key);
        pinned.remove(key);
    }

    /**
     * Compute instances per region after this round: the commanded targets in {@code decided}, else
     * the known capacities.
     */
    Map<String, Integer> computeByRegion(List<Decision> decided) {
        Map<String, Integer> byKey = new HashMap<>();
        for (Capacity c : capacities.values()) {
            if (c.kind() == ServiceKind.COMPUTE) {
                byKey.put(c.key(), c.capacity());
            }
        }
        for (Decision d : decided) {
            if (d.issuesCommand() && d.kind() == ServiceKind.COMPUTE) {
                byKey.put(d.serviceRegionKey(), d.to());
            }
        }
        Map<String, Integer> byRegion = new HashMap<>();
        byKey.forEach(
                (key, n) -> byRegion.merge(key.substring(key.indexOf('/') + 1), n, Integer::sum));
        return byRegion;
    }
}
