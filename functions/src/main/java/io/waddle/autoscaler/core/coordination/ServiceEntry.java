package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import java.io.Serializable;
import java.time.Instant;

/**
 * What the coordinator knows of one service in one region: one entry of {@link PlatformStore}, read
 * and written only when the service is part of a round. Every field may be null.
 *
 * @param capacity what the service has, and when it was last seen
 * @param lock the command in flight for it
 * @param deferred the target a lock held back, to issue once it is released
 * @param silentSince set while the service is reported silent: when it was last heard
 * @param pinned the capacity the coordinator set against its scaler's wish (global limits)
 */
public record ServiceEntry(
        Capacity capacity, Lock lock, Integer deferred, Instant silentSince, Integer pinned)
        implements Serializable {

    static final ServiceEntry EMPTY = new ServiceEntry(null, null, null, null, null);

    boolean isEmpty() {
        return capacity == null
                && lock == null
                && deferred == null
                && silentSince == null
                && pinned == null;
    }

    ServiceEntry withCapacity(Capacity c) {
        return new ServiceEntry(c, lock, deferred, silentSince, pinned);
    }

    ServiceEntry withLock(Lock l) {
        return new ServiceEntry(capacity, l, deferred, silentSince, pinned);
    }

    ServiceEntry withDeferred(Integer target) {
        return new ServiceEntry(capacity, lock, target, silentSince, pinned);
    }

    ServiceEntry withSilentSince(Instant since) {
        return new ServiceEntry(capacity, lock, deferred, since, pinned);
    }

    ServiceEntry withPinned(Integer target) {
        return new ServiceEntry(capacity, lock, deferred, silentSince, target);
    }
}
