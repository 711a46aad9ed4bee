package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

    /**
     * Forgets the services gone for the retention. Locks need no pass: one whose timeout has passed
     * reads as gone ({@link #expired}).
     */
    void expire(Round r) {
        r.forgetGone(forgetAfter);
    }

    /**
     * Whether {@code lock} has expired by {@code clock}: the latest round's time. Nothing expires
     * without one.
     */
    static boolean expired(Lock lock, Instant clock, Duration lockTimeout) {
        return clock != null && !clock.isBefore(lock.since().plus(lockTimeout));
    }

    /**
     * Records the capacity a decision shows. A lock the reporting instances complete is released;
     * while one holds, the capacity is its target; a scaler whose decision was held back or moved
     * believes in a capacity the platform lacks, so the known one stays.
     */
    void observe(Round r, Decision d) {
        String key = d.serviceRegionKey();
        Lock lock = r.lock(key);
        if (lock != null && completes(lock, d)) {
            r.lock(key, null);
            lock = null;
        }
        Capacity known = r.capacityOf(key);
        boolean believesOwn = r.deferred(key) != null || r.pinned(key) != null;
        int capacity =
                lock != null
                        ? lock.target()
                        : believesOwn && known != null ? known.capacity() : d.from();
        r.record(d, capacity);
    }

    /** The decision as the locks let it out. */
    Decision gate(Round r, Decision d) {
        String key = d.serviceRegionKey();
        Lock lock = r.lock(key);
        if (!d.issuesCommand()) {
            return released(r, d, lock);
        }
        if (lock == null) {
            r.defer(key, null);
            r.pin(key, null);
            return d;
        }
        if (lock.target() == d.to()) {
            return d.suppressedBy(
                    Reason.DUPLICATE_IN_FLIGHT,
                    "command " + lock.commandId() + " to " + lock.target() + " is in flight");
        }
        // Less than the headroom the coordinator is adding was decided without knowing of it:
        // not held for later; the scaler decides again once it sees the bigger pool or cache.
        r.defer(key, lock.headroom() && d.to() < lock.target() ? null : d.to());
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
        Integer held = r.deferred(key);
        if (lock != null || held == null) {
            return d;
        }
        r.defer(key, null);
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
            r.lock(
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
    static void applied(PlatformStore store, ActuationResult result, Duration lockTimeout) {
        Round r = new Round(store, null, lockTimeout);
        String key = result.serviceRegionKey();
        Lock lock = r.lock(key);
        boolean observed = result.isObservation();
        if (!observed && (lock == null || !lock.commandId().equals(result.commandId()))) {
            return;
        }
        if (!observed) {
            r.lock(key, null);
        }
        if (r.capacityOf(key) != null && (!observed || lock == null)) {
            r.setCapacity(key, result.capacity());
        }
        r.flush();
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
