package io.waddle.autoscaler.core.patterns;

import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PatternMatch.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spike pattern of {@code ScalingPatterns.spike()} (Flink CEP) as plain Java, point by point:
 * what the benchmark's direct engine runs in place of the CEP operator. A test runs both over the
 * same points and requires the same matches.
 *
 * <p>Every point that can be a base opens a candidate; a later point that rises enough above a
 * candidate within its span completes it (each candidate completes once, all that complete on a
 * point are matches: the pattern skips nothing); a candidate ends at the first point past its span
 * (the span in force at that point), and at the pattern's horizon at the latest.
 *
 * @param bases the open candidates, oldest first
 */
public record SpikeWatch(List<LoadPoint> bases) {

    public SpikeWatch {
        bases = List.copyOf(bases);
    }

    public static SpikeWatch empty() {
        return new SpikeWatch(List.of());
    }

    /** The watch after point {@code p}, and the spikes it completes. */
    public Step next(LoadPoint p) {
        long horizon = PatternHorizons.MAX_SPIKE_SPAN.toMillis();
        List<LoadPoint> open = new ArrayList<>();
        List<PatternMatch> spikes = new ArrayList<>();
        for (LoadPoint base : bases) {
            if (p.atMillis() - base.atMillis() >= horizon || !withinSpan(base, p)) {
                continue;
            }
            if (isPeak(base, p)) {
                spikes.add(match(base, p));
            } else {
                open.add(base);
            }
        }
        if (canBeBase(p)) {
            open.add(p);
        }
        return new Step(new SpikeWatch(open), spikes);
    }

    /** Whether a spike can start at {@code p}: its rate is at least the minimum base rate. */
    public static boolean canBeBase(LoadPoint p) {
        return p.spikeEnabled() && p.requestRate() > 0 && p.requestRate() >= p.spikeMinBaseRate();
    }

    /** Whether {@code p} is no further from {@code base} than the span in force at {@code p}. */
    public static boolean withinSpan(LoadPoint base, LoadPoint p) {
        return p.atMillis() - base.atMillis() <= p.spikeWithinMs();
    }

    /** Whether {@code p} has risen enough above {@code base} to complete a spike. */
    public static boolean isPeak(LoadPoint base, LoadPoint p) {
        return p.spikeEnabled() && p.requestRate() >= (1 + p.spikeMinRise()) * base.requestRate();
    }

    /**
     * @param spikes the spikes completed on the point, oldest base first
     */
    public record Step(SpikeWatch next, List<PatternMatch> spikes) {
        public Step {
            spikes = List.copyOf(spikes);
        }

        /** The steepest spike completed on the point, or null: the one the scaler acts on. */
        public PatternMatch steepest() {
            PatternMatch best = null;
            for (PatternMatch m : spikes) {
                best = PatternMatch.steeper(best, m);
            }
            return best;
        }
    }

    /** The match of a spike from {@code base} to {@code peak}. */
    public static PatternMatch match(LoadPoint base, LoadPoint peak) {
        return new PatternMatch(
                Type.SPIKE,
                peak.service(),
                peak.region(),
                base.at(),
                peak.at(),
                base.requestRate(),
                peak.requestRate(),
                2,
                String.format(
                        Locale.ROOT,
                        "request rate %.0f -> %.0f req/s in %d s",
                        base.requestRate(),
                        peak.requestRate(),
                        (peak.atMillis() - base.atMillis()) / 1000));
    }
}
