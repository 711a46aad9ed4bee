package io.waddle.autoscaler.core.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * The bound on services (service and region pairs) one window instance tracks. A service is
 * admitted while fewer than {@code max} are tracked; it stays tracked while it reports, and is
 * forgotten once nothing came from it for {@code retentionMs} of event time (as the scalers forget
 * it), which frees its place. A flood of made-up service names fills the places left and is refused
 * from then on, while every service already tracked keeps reporting.
 *
 * <p>Plain Java, time as an input (event time: the watermark). Not checkpointed: after a restart it
 * is rebuilt from the samples that arrive, and a service that still has window state is admitted
 * whatever the count ({@link #keep}), so a restart during a flood does not shut a real service out.
 */
public final class ServiceAdmission {
    private final int max;
    private final long retentionMs;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private long sweptAt = Long.MIN_VALUE;

    public ServiceAdmission(int max, long retentionMs) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        if (retentionMs <= 0) {
            throw new IllegalArgumentException("retention must be > 0: " + retentionMs);
        }
        this.max = max;
        this.retentionMs = retentionMs;
    }

    /**
     * Whether {@code service}, with a sample at {@code at}, may be tracked at event time {@code
     * now}; if so it is (again) tracked from {@code at}.
     */
    public boolean admit(String service, long at, long now) {
        Long seen = lastSeen.get(service);
        if (seen != null) {
            if (at > seen) {
                lastSeen.put(service, at);
            }
            return true;
        }
        if (lastSeen.size() >= max) {
            sweep(now);
            if (lastSeen.size() >= max) {
                return false;
            }
        }
        lastSeen.put(service, at);
        return true;
    }

    /** Tracks {@code service} from {@code at} whatever the count: it has state already. */
    public void keep(String service, long at) {
        lastSeen.merge(service, at, Math::max);
    }

    public int tracked() {
        return lastSeen.size();
    }

    public int max() {
        return max;
    }

    /** Forgets the services silent for the retention; at most once per watermark. */
    private void sweep(long now) {
        if (now <= sweptAt) {
            return;
        }
        sweptAt = now;
        if (now < Long.MIN_VALUE + retentionMs) {
            return; // event time has not started: nothing can be silent yet
        }
        long silentBefore = now - retentionMs;
        lastSeen.values().removeIf(seen -> seen <= silentBefore);
    }
}
