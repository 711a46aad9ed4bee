package io.waddle.autoscaler.core.windows;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The job's sliding event-time windows per service and region, without Flink, for the benchmark's
 * direct engines: the same panes ({@link WindowPanes}) and the same accumulator as the job's window
 * operator, merged in the same order, so that both give the same windows to the bit.
 *
 * <pre>
 *   a sample at t belongs to every window [end - size, end) with end a multiple of the slide
 *   and t < end <= t + size
 * </pre>
 */
public final class SlidingWindows {
    private final WindowPanes panes;

    /** pane start -> service/region key -> the pane's sums. */
    private final TreeMap<Long, Map<String, WindowAccumulator>> open = new TreeMap<>();

    /** Ends of the windows that hold a sample and have not closed. */
    private final TreeSet<Long> ends = new TreeSet<>();

    public SlidingWindows(Duration size, Duration slide) {
        this.panes = new WindowPanes(size, slide);
    }

    public void add(MetricSample s) {
        long pane = panes.paneOf(s.timestamp().toEpochMilli());
        open.computeIfAbsent(pane, k -> new TreeMap<>())
                .computeIfAbsent(s.serviceRegionKey(), k -> new WindowAccumulator())
                .add(s);
        ends.addAll(endsOf(s.timestamp()));
    }

    /** The ends (epoch ms) of the windows a sample at {@code t} belongs to, oldest first. */
    public List<Long> endsOf(Instant t) {
        return panes.windowEnds(panes.paneOf(t.toEpochMilli()));
    }

    /**
     * The windows ending at or before {@code watermark + 1}, as the watermark fires them: each end
     * one list, oldest end first, services in key order.
     */
    public List<List<WindowedMetrics>> close(Instant watermark) {
        List<List<WindowedMetrics>> out = new ArrayList<>();
        long wm = watermark.toEpochMilli();
        while (!ends.isEmpty() && panes.isClosed(ends.first(), wm)) {
            long end = ends.pollFirst();
            long start = panes.windowStart(end);
            Map<String, List<WindowAccumulator>> byKey = new TreeMap<>();
            for (Map<String, WindowAccumulator> pane :
                    open.subMap(start, true, end, false).values()) {
                pane.forEach(
                        (key, acc) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(acc));
            }
            List<WindowedMetrics> round = new ArrayList<>();
            byKey.values()
                    .forEach(
                            p ->
                                    round.add(
                                            WindowPanes.combine(p)
                                                    .result(
                                                            Instant.ofEpochMilli(start),
                                                            Instant.ofEpochMilli(end))));
            out.add(round);
            // The oldest pane of this window is in no later window.
            open.headMap(start, true).clear();
        }
        return out;
    }
}
