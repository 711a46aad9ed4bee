package io.waddle.autoscaler.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One window of a compute service as the load patterns see it: its request rate and CPU, and the
 * thresholds of the policy in force for it (each point carries its own, so that a policy update
 * changes the patterns' thresholds from the next window on).
 *
 * @param at the window's end
 * @param requestRate the service's total request rate in the window, req/s
 * @param cpuPercent mean CPU across its instances; NaN when none reported
 * @param spikeEnabled whether spikes trigger emergency scale-ups for the service
 * @param spikeMinRise a spike: at least this rise (0.5: +50 %)...
 * @param spikeWithinMs ...from a base at most this long before
 * @param spikeMinBaseRate ...of at least this many req/s
 * @param lowCpuPercent sustained low: CPU under this...
 * @param lowForMs ...for this long (the scale-down stabilization window)
 */
public record LoadPoint(
        String service,
        String region,
        Instant at,
        double requestRate,
        double cpuPercent,
        boolean spikeEnabled,
        double spikeMinRise,
        long spikeWithinMs,
        double spikeMinBaseRate,
        double lowCpuPercent,
        long lowForMs)
        implements Serializable {

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }

    public long atMillis() {
        return at.toEpochMilli();
    }

    /** Whether CPU is under the sustained-low threshold in this window. */
    public boolean low() {
        return cpuPercent < lowCpuPercent;
    }
}
