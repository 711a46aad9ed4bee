package io.waddle.autoscaler.core.windows;

import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins each window of a service with the pattern matches on it, so that the window is decided
 * once, with its matches applied. Two regimes release a window:
 *
 * <pre>
 *   by event time   when the watermark passes the window's end: the CEP operators emit their
 *                   matches before they forward the watermark, so every match for it is in
 *   by wall clock   at the latest the decision timeout after it arrived, with every window
 *                   before it: an idle input can hold event time back
 * </pre>
 *
 * A match for a window already decided, or whose window never came by the time event time passed
 * it, is too late: it is dropped and counted. Of several spikes on one window the steepest is kept.
 * Windows are released oldest first. Plain Java, time is an input (watermark and wall clock in
 * epoch ms).
 */
public final class WindowMatchJoin {
    private final long timeoutMs;

    /**
     * @param decisionTimeout wall-clock time after a window arrived by which it is decided
     */
    public WindowMatchJoin(Duration decisionTimeout) {
        this.timeoutMs = decisionTimeout.toMillis();
    }

    /** A window and its matches, ready to be decided. */
    public record Joined(WindowedMetrics window, Matches matches) {}

    /**
     * @param due the windows released, oldest first
     * @param next what is still waiting
     * @param lateMatches matches dropped because their window was decided or never came
     */
    public record Released(List<Joined> due, PendingWindows next, int lateMatches) {}

    /** What a match did: kept for its window, or dropped as late. */
    public record Offered(PendingWindows next, boolean late) {}

    /** The wall-clock time by which {@code window}, arriving at {@code wallNowMs}, is decided. */
    public long deadline(long wallNowMs) {
        return wallNowMs + timeoutMs;
    }

    public PendingWindows window(PendingWindows p, WindowedMetrics w, long wallNowMs) {
        PendingWindows.Builder b = p.edit();
        long end = w.windowEnd().toEpochMilli();
        b.windows.put(end, w);
        b.arrivedAt.put(end, wallNowMs);
        return b.build();
    }

    /**
     * @param watermark the decision operator's current event time
     */
    public Offered match(PendingWindows p, PatternMatch m, long watermark) {
        long at = m.at().toEpochMilli();
        if (at - 1 <= watermark && !p.windows().containsKey(at)) {
            return new Offered(p, true);
        }
        PendingWindows.Builder b = p.edit();
        switch (m.type()) {
            case SPIKE -> b.spikes.put(at, PatternMatch.steeper(b.spikes.get(at), m));
            case SUSTAINED_LOW -> b.lows.put(at, m);
            case OSCILLATION -> {
                // Oscillation matches go to the alerts; the scalers apply the rule themselves.
            }
        }
        return new Offered(b.build(), false);
    }

    /**
     * Every window event time has passed ({@code eventTime}, an event-time timer's time), and the
     * matches left for windows at or before it, which can no longer be used.
     */
    public Released byEventTime(PendingWindows p, long eventTime) {
        PendingWindows.Builder b = p.edit();
        List<Joined> due = releaseUpTo(b, eventTime + 1);
        int late = dropUpTo(b.spikes, eventTime) + dropUpTo(b.lows, eventTime);
        return new Released(due, b.build(), late);
    }

    /**
     * Every window that has waited the decision timeout at {@code wallNowMs}, and every one before
     * it; none if none has.
     */
    public Released byWallClock(PendingWindows p, long wallNowMs) {
        long upTo = Long.MIN_VALUE;
        for (Map.Entry<Long, Long> e : p.arrivedAt().entrySet()) {
            if (e.getValue() + timeoutMs <= wallNowMs) {
                upTo = Math.max(upTo, e.getKey());
            }
        }
        if (upTo == Long.MIN_VALUE) {
            return new Released(List.of(), p, 0);
        }
        PendingWindows.Builder b = p.edit();
        return new Released(releaseUpTo(b, upTo), b.build(), 0);
    }

    private static List<Joined> releaseUpTo(PendingWindows.Builder b, long lastEnd) {
        List<Joined> due = new ArrayList<>();
        while (!b.windows.isEmpty() && b.windows.firstKey() <= lastEnd) {
            Map.Entry<Long, WindowedMetrics> w = b.windows.pollFirstEntry();
            long end = w.getKey();
            b.arrivedAt.remove(end);
            due.add(
                    new Joined(
                            w.getValue(), new Matches(b.spikes.remove(end), b.lows.remove(end))));
        }
        return due;
    }

    private static int dropUpTo(Map<Long, PatternMatch> matches, long eventTime) {
        int before = matches.size();
        matches.keySet().removeIf(at -> at - 1 <= eventTime);
        return before - matches.size();
    }
}
