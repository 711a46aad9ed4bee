package io.waddle.autoscaler.cep;

import io.waddle.autoscaler.model.LoadPoint;
import io.waddle.autoscaler.model.PatternMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spike pattern of {@link ScalingPatterns#spike()} as plain Java, point by point: what the
 * benchmark's direct engine runs in place of the CEP operator. A test runs both over the same
 * points and requires the same matches.
 *
 * <p>Every point that can be a base opens a candidate; a later point that rises enough above a
 * candidate within its span completes the earliest such candidate; after a match every candidate is
 * dropped (skip past the last event); candidates older than the pattern's horizon expire.
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

    /** The watch after point {@code p}, and the spike it completes, if any. */
    public Step next(LoadPoint p) {
        long horizon = ScalingPatterns.MAX_SPIKE_SPAN.toMillis();
        List<LoadPoint> open = new ArrayList<>();
        for (LoadPoint b : bases) {
            if (p.atMillis() - b.atMillis() < horizon) {
                open.add(b);
            }
        }
        for (LoadPoint base : open) {
            if (p.spikeEnabled()
                    && p.requestRate() >= (1 + p.spikeMinRise()) * base.requestRate()
                    && p.atMillis() - base.atMillis() <= p.spikeWithinMs()) {
                return new Step(empty(), Optional.of(ScalingPatterns.SpikeMatches.match(base, p)));
            }
        }
        if (p.spikeEnabled() && p.requestRate() > 0 && p.requestRate() >= p.spikeMinBaseRate()) {
            open.add(p);
        }
        return new Step(new SpikeWatch(open), Optional.empty());
    }

    public record Step(SpikeWatch next, Optional<PatternMatch> spike) {}
}
