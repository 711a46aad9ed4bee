package io.waddle.autoscaler.core.windows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding windows as panes: the slide cuts time into panes, and a window is the panes it covers. A
 * sample is added to one pane, once, however many windows it belongs to; a window is its panes
 * merged, oldest first, when it closes.
 *
 * <pre>
 *   pane      [p, p + slide) with p a multiple of the slide
 *   window    [end - size, end) = the panes p with end - size <= p < end, end a multiple of the slide
 *   a pane is in the windows ending at p + slide, p + 2 slide, ..., p + size
 *   late      a sample whose last window (ending at p + size) the watermark has passed
 * </pre>
 *
 * The watermark passes a window when it reaches the window's last millisecond, {@code end - 1}: the
 * same rule, and the same windows, as Flink's sliding event-time windows.
 */
public final class WindowPanes {
    private final long sizeMs;
    private final long slideMs;

    public WindowPanes(Duration size, Duration slide) {
        this.sizeMs = size.toMillis();
        this.slideMs = slide.toMillis();
        if (slideMs <= 0 || sizeMs <= 0 || sizeMs % slideMs != 0) {
            throw new IllegalArgumentException(
                    "the slide ("
                            + slide
                            + ") must be > 0 and divide the window size ("
                            + size
                            + ")");
        }
    }

    public long sizeMs() {
        return sizeMs;
    }

    public long slideMs() {
        return slideMs;
    }

    /** Panes per window. */
    public int panesPerWindow() {
        return (int) (sizeMs / slideMs);
    }

    /** The start of the pane holding time {@code t} (epoch ms). */
    public long paneOf(long t) {
        return Math.floorDiv(t, slideMs) * slideMs;
    }

    /** The end of the last window that holds pane {@code pane}. */
    public long lastWindowEnd(long pane) {
        return pane + sizeMs;
    }

    /**
     * Whether every window that would hold a sample at {@code t} has closed at {@code watermark}.
     */
    public boolean isLate(long t, long watermark) {
        return lastWindowEnd(paneOf(t)) - 1 <= watermark;
    }

    /** The start of the window ending at {@code end}: its oldest pane. */
    public long windowStart(long end) {
        return end - sizeMs;
    }

    /** The ends of the windows that hold pane {@code pane}, oldest first. */
    public List<Long> windowEnds(long pane) {
        List<Long> ends = new ArrayList<>(panesPerWindow());
        for (long end = pane + slideMs; end <= lastWindowEnd(pane); end += slideMs) {
            ends.add(end);
        }
        return ends;
    }

    /** Whether a window ending at {@code end} has closed at {@code watermark}. */
    public boolean isClosed(long end, long watermark) {
        return end - 1 <= watermark;
    }

    /**
     * One window from its panes, oldest first: a fresh accumulator into which each pane is merged
     * in order, so that every engine sums in the same order and gets the same bits.
     */
    public static WindowAccumulator combine(List<WindowAccumulator> panesOldestFirst) {
        WindowAccumulator window = new WindowAccumulator();
        for (WindowAccumulator pane : panesOldestFirst) {
            window.merge(pane);
        }
        return window;
    }
}
