package io.waddle.autoscaler.core.windows;

import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windows of one service waiting for their decision, and the pattern matches waiting for their
 * window, each by the window's end (epoch ms). Immutable: {@link WindowMatchJoin} returns the next.
 *
 * @param windows the windows not yet decided
 * @param arrivedAt when each window arrived, on the wall clock (for the decision timeout)
 * @param spikes the steepest spike matched on each window
 * @param lows the sustained-low run each window completed
 */
public record PendingWindows(
        Map<Long, WindowedMetrics> windows,
        Map<Long, Long> arrivedAt,
        Map<Long, PatternMatch> spikes,
        Map<Long, PatternMatch> lows) {

    public static final PendingWindows EMPTY =
            new PendingWindows(Map.of(), Map.of(), Map.of(), Map.of());

    public PendingWindows {
        windows = Map.copyOf(windows);
        arrivedAt = Map.copyOf(arrivedAt);
        spikes = Map.copyOf(spikes);
        lows = Map.copyOf(lows);
    }

    public boolean isEmpty() {
        return windows.isEmpty() && spikes.isEmpty() && lows.isEmpty();
    }

    /** A mutable copy, for one step of the join. */
    Builder edit() {
        return new Builder(this);
    }

    static final class Builder {
        final TreeMap<Long, WindowedMetrics> windows;
        final TreeMap<Long, Long> arrivedAt;
        final TreeMap<Long, PatternMatch> spikes;
        final TreeMap<Long, PatternMatch> lows;

        private Builder(PendingWindows p) {
            windows = new TreeMap<>(p.windows);
            arrivedAt = new TreeMap<>(p.arrivedAt);
            spikes = new TreeMap<>(p.spikes);
            lows = new TreeMap<>(p.lows);
        }

        PendingWindows build() {
            return new PendingWindows(windows, arrivedAt, spikes, lows);
        }
    }
}
