package io.waddle.autoscaler.core.patterns;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.ServiceSettings;

/**
 * A compute window as the load patterns see it, with the thresholds of the settings in force for
 * its service: the CEP operators cannot read the policies, so each point carries its own.
 */
public final class LoadPoints {
    private LoadPoints() {}

    /**
     * The point of window {@code w} under {@code s}: the spike thresholds of its pattern settings,
     * and a sustained-low run as long as its compute scale-down stabilization window.
     */
    public static LoadPoint of(WindowedMetrics w, ServiceSettings s) {
        PatternSettings p = s.patterns();
        return new LoadPoint(
                w.service(),
                w.region(),
                w.windowEnd(),
                w.total(Gauges.REQUESTS_PER_SECOND),
                w.mean(Gauges.CPU),
                p.spikeEnabled(),
                p.spike().minRise(),
                p.spike().within().toMillis(),
                p.spike().minBaseRate(),
                p.lowCpuPercent(),
                s.compute().scaleDownStabilization().toMillis());
    }
}
