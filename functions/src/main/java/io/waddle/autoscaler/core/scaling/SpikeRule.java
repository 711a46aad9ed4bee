package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * The emergency scale-up a spike triggers. Plain Java; what a spike is, the Flink CEP pattern
 * defines ({@code ScalingPatterns.spike()}).
 *
 * <pre>
 * spike:     the request rate went from `base` to `now` in `seconds`
 * expected:  rate when new capacity serves, the growth continued linearly over the provisioning
 *            delay: now × min(maxExtrapolation, 1 + (now - base) / now × delay / seconds)
 * wanted:    ceil(current × cpu / target cpu × expected / now)  (cpu unknown: taken at target)
 * emergency: none if wanted <= current (the capacity has headroom for the expected load); else
 *            wanted, at most maxFactor × current, at least current + minStep, within the max
 * </pre>
 *
 * The emergency scale-up bypasses the cooldown and the stabilization windows (it is for the case
 * they are too slow for) but has its own rate limit: {@code maxFactor} per spike. The projection is
 * linear, not exponential: a spike seen through a sliding window is the window filling with a step,
 * and compounding its apparent growth over minutes over-provisions (measured on the NAB tweet
 * trace: the same SLO figures at a fifth less cost).
 */
public final class SpikeRule {
    private final Config config;

    /**
     * @param minRise the rise that makes a spike, as a fraction: 0.5 is +50 %
     * @param within how far back the base may lie
     * @param minBaseRate requests per second below which a rise is noise, not a spike
     * @param maxExtrapolation the most the growth is projected to multiply the load by
     * @param maxFactor the emergency rate limit: at most this times the current capacity
     * @param minStep at least this many instances more
     */
    public record Config(
            double minRise,
            Duration within,
            double minBaseRate,
            double maxExtrapolation,
            double maxFactor,
            int minStep)
            implements Serializable {

        public Config {
            if (!(minRise > 0) || Double.isInfinite(minRise)) {
                throw new IllegalArgumentException("spike rise must be > 0: " + minRise);
            }
            if (within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException("spike span must be > 0: " + within);
            }
            if (!(minBaseRate >= 0)) {
                throw new IllegalArgumentException("spike base rate must be >= 0");
            }
            if (!(maxExtrapolation >= 1) || !(maxFactor > 1) || minStep < 1) {
                throw new IllegalArgumentException(
                        "need extrapolation >= 1, emergency factor > 1 and step >= 1");
            }
        }
    }

    /** A spike: the rate went from {@code base} to {@code now} in {@code seconds}. */
    public record Spike(double base, double now, double seconds) {
        public double rise() {
            return now / base - 1;
        }
    }

    public SpikeRule(Config config) {
        this.config = config;
    }

    /**
     * The emergency capacity for {@code spike}.
     *
     * @param current the capacity now (decided)
     * @param cpuRatio mean CPU over its target (NaN when unknown: taken as at target)
     * @param provisioningDelay how long new capacity takes to serve
     * @param maxInstances the service's bound
     */
    public Emergency size(
            Spike spike,
            int current,
            double cpuRatio,
            Duration provisioningDelay,
            int maxInstances) {
        double projection =
                Math.min(
                        config.maxExtrapolation(),
                        1
                                + (spike.now() - spike.base())
                                        / spike.now()
                                        * provisioningDelay.toSeconds()
                                        / spike.seconds());
        double expected = spike.now() * projection;
        double utilization = Double.isNaN(cpuRatio) || cpuRatio < 0 ? 1.0 : cpuRatio;
        int wanted = (int) Math.ceil(current * utilization * projection - 1e-9);
        int capped = (int) Math.floor(current * config.maxFactor());
        // Capacity with headroom for the expected load needs no emergency.
        int target =
                wanted <= current
                        ? current
                        : Math.max(current + config.minStep(), Math.min(wanted, capped));
        target = Math.min(target, maxInstances);
        String detail =
                String.format(
                        Locale.ROOT,
                        "request rate %.0f -> %.0f req/s in %.0f s (+%.0f %%); %.0f req/s expected"
                                + " when new capacity serves in %d s -> %d instances",
                        spike.base(),
                        spike.now(),
                        spike.seconds(),
                        100 * spike.rise(),
                        expected,
                        provisioningDelay.toSeconds(),
                        wanted);
        if (wanted > capped) {
            detail += String.format(Locale.ROOT, " (emergency limit %.0fx)", config.maxFactor());
        }
        if (target == maxInstances && wanted > maxInstances) {
            detail += " (max " + maxInstances + ")";
        }
        return new Emergency(target, wanted, detail);
    }

    /**
     * @param target the capacity to scale to now
     * @param wanted what the projection alone asked for
     */
    public record Emergency(int target, int wanted, String detail) {}
}
