package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One command in flight per service. A service with a command in flight is locked until the
 * actuator reports its result, its reporting instances reach the target, or the lock expires. A
 * decision for a locked service is suppressed (LOCKED, or DUPLICATE_IN_FLIGHT for the same target)
 * and its target remembered; once the lock is gone the held-back target goes out (LOCK_RELEASED) if
 * the scaler still wants it.
 */
final class Locks {
    private final Duration lockTimeout;
    private final Duration forgetAfter;

    Locks(Duration lockTimeout, Duration forgetAfter) {
        this.lockTimeout = lockTimeout;
        this.forgetAfter = forgetAfter;
    }

    /** Expires the locks past their timeout and forgets the services gone for the retention. */
    void expire(Round r) {
        r.locks.values().removeIf(l -> !r.now.isBefore(l.since().plus(lockTimeout)));
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Capacity> c : r.capacities.entrySet()) {
            if (!r.now.isBefore(c.getValue().seenAt().plus(forgetAfter))) {
                gone.add(c.getKey());
            }
        }
        gone.forEach(r::forget);
    }

    /**
     * Records the capacity a decision shows. A lock the reporting instances complete is released;
     * while one holds, the capacity is its target; a scaler whose decision was held back or moved
     * believes in a capacity the platform lacks, so the known one stays.
     */
    void observe(Round r, Decision d) {
        String key = d.serviceRegionKey();
        Lock lock = r.locks.get(key);
        if (lock != null && completes(lock, d)) {
            r.locks.remove(key);
            lock = null;
        }
        Capacity known = r.capacities.get(key);
        boolean believesOwn = r.deferred.containsKey(key) || r.pinned.containsKey(key);
        int capacity =
                lock != null
                        ? lock.target()
                        : believesOwn && known != null ? known.capacity() : d.from();
        r.record(d, capacity);
    }

    /** The decision as the locks let it out. */
    Decision gate(Round r, Decision d) {
        String key = d.serviceRegionKey();
        Lock lock = r.locks.get(key);
        if (!d.issuesCommand()) {
            return released(r, d, lock);
        }
        if (lock == null) {
            r.deferred.remove(key);
            r.pinned.remove(key);
            return d;
        }
        if (lock.target() == d.to()) {
            return d.suppressedBy(
                    Reason.DUPLICATE_IN_FLIGHT,
                    "command " + lock.commandId() + " to " + lock.target() + " is in flight");
        }
        // Less than the headroom the coordinator is adding was decided without knowing of it:
        // not held for later; the scaler decides again once it sees the bigger pool or cache.
        if (lock.headroom() && d.to() < lock.target()) {
            r.deferred.remove(key);
        } else {
            r.deferred.put(key, d.to());
        }
        return d.suppressedBy(
                Reason.LOCKED,
                "command "
                        + lock.commandId()
                        + " to "
                        + lock.target()
                        + " in flight since "
                        + lock.since());
    }

    /** A hold after a lock was released: the target the lock held back goes out now. */
    private static Decision released(Round r, Decision d, Lock lock) {
        String key = d.serviceRegionKey();
        Integer held = r.deferred.get(key);
        if (lock != null || held == null) {
            return d;
        }
        r.deferred.remove(key);
        int capacity = r.capacity(key);
        if (d.to() != held || held == capacity || d.policy().withheldBy() != null) {
            return d;
        }
        return d.rescaled(
                capacity,
                held,
                Reason.LOCK_RELEASED,
                "held back while a command was in flight; " + d.reason() + " (" + d.detail() + ")");
    }

    /** Locks every service with a command going out in this round. */
    void lockCommands(Round r, List<Decision> decided) {
        for (Decision d : decided) {
            if (!d.issuesCommand()) {
                continue;
            }
            r.locks.put(
                    d.serviceRegionKey(),
                    new Lock(
                            d.commandId(),
                            d.to(),
                            d.to() > d.from(),
                            d.reason() == Reason.DEPENDENCY_HEADROOM,
                            r.now));
            r.record(d, d.to());
        }
    }

    /**
     * The actuator's result for a command: its lock is released (if it is still the command in
     * flight) and the capacity it reports is the service's capacity. An observed capacity (the
     * actuator's inventory) is taken unless a command for the service is in flight.
     */
    static PlatformState applied(PlatformState state, ActuationResult result) {
        String key = result.serviceRegionKey();
        Lock lock = state.locks().get(key);
        boolean observed = result.isObservation();
        if (!observed && (lock == null || !lock.commandId().equals(result.commandId()))) {
            return state;
        }
        Map<String, Lock> locks = new HashMap<>(state.locks());
        if (!observed) {
            locks.remove(key);
        }
        Map<String, Capacity> capacities = new HashMap<>(state.capacities());
        Capacity c = capacities.get(key);
        if (c != null && (!observed || lock == null)) {
            capacities.put(key, c.withCapacity(result.capacity()));
        }
        return new PlatformState(
                capacities, locks, state.deferred(), state.silent(), state.pinned());
    }

    /**
     * Whether the reporting instances show the command took effect. Only where instances are the
     * unit of capacity: a database pool's proxies say nothing about its connections.
     */
    private static boolean completes(Lock lock, Decision d) {
        if (d.observed() == null || d.kind() == ServiceKind.DATABASE) {
            return false;
        }
        int reporting = d.observed().instances();
        return lock.scaleUp() ? reporting >= lock.target() : reporting <= lock.target();
    }
}
