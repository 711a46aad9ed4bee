package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of the spike, sustained-low and oscillation patterns and of what they trigger, as
 * the job's options give them; a policy may override the spike's and the low CPU threshold.
 *
 * @param spikeEnabled whether spikes trigger emergency scale-ups
 * @param provisioningDelay how long new capacity takes to serve
 * @param lowCpuPercent CPU under which a compute service is low
 */
public record PatternSettings(
        boolean spikeEnabled,
        SpikeRule.Config spike,
        Duration provisioningDelay,
        double lowCpuPercent,
        OscillationRule.Config oscillation)
        implements Serializable {

    public PatternSettings {
        if (provisioningDelay.isNegative()) {
            throw new IllegalArgumentException("provisioning delay must be >= 0");
        }
        if (!(lowCpuPercent >= 0) || Double.isInfinite(lowCpuPercent)) {
            throw new IllegalArgumentException("low CPU threshold must be >= 0: " + lowCpuPercent);
        }
    }

    public PatternSettings withSpike(boolean enabled, SpikeRule.Config spike, Duration delay) {
        return new PatternSettings(enabled, spike, delay, lowCpuPercent, oscillation);
    }

    public PatternSettings withLowCpuPercent(double percent) {
        return new PatternSettings(spikeEnabled, spike, provisioningDelay, percent, oscillation);
    }

    public PatternSettings withoutDamping() {
        OscillationRule.Config o = oscillation;
        return new PatternSettings(
                spikeEnabled,
                spike,
                provisioningDelay,
                lowCpuPercent,
                new OscillationRule.Config(
                        o.lastActions(),
                        o.maxChanges(),
                        o.maxFlips(),
                        o.flipWindow(),
                        1,
                        o.calmPeriod(),
                        o.horizon()));
    }
}
