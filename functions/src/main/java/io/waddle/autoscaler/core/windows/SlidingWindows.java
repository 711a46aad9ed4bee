package io.waddle.autoscaler.core.windows;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's sliding event-time windows per service and region, without Flink, for the benchmark's
 * direct engines: the same assignment as Flink's sliding windows and the same accumulator.
 *
 * <pre>
 *   a sample at t belongs to every window [end - size, end) with end a multiple of the slide
 *   and t < end <= t + size
 * </pre>
 */
public final class SlidingWindows {
    private final long sizeMs;
    private final long slideMs;
    private final TreeMap<Long, Map<String, WindowAccumulator>> open = new TreeMap<>();

    public SlidingWindows(Duration size, Duration slide) {
        this.sizeMs = size.toMillis();
        this.slideMs = slide.toMillis();
        if (slideMs <= 0 || sizeMs % slideMs != 0) {
            throw new IllegalArgumentException("the slide must divide the window size");
        }
    }

    public void add(MetricSample s) {
        for (long end : endsOf(s.timestamp())) {
            open.computeIfAbsent(end, k -> new TreeMap<>())
                    .computeIfAbsent(s.serviceRegionKey(), k -> new WindowAccumulator())
                    .add(s);
        }
    }

    /** The ends (epoch ms) of the windows a sample at {@code t} belongs to, oldest first. */
    public List<Long> endsOf(Instant t) {
        long ms = t.toEpochMilli();
        List<Long> ends = new ArrayList<>();
        for (long end = Math.floorDiv(ms, slideMs) * slideMs + slideMs;
                end <= ms + sizeMs;
                end += slideMs) {
            ends.add(end);
        }
        return ends;
    }

    /**
     * The windows ending at or before {@code watermark + 1}, as the watermark fires them: each end
     * one list, oldest end first, services in key order.
     */
    public List<List<WindowedMetrics>> close(Instant watermark) {
        List<List<WindowedMetrics>> out = new ArrayList<>();
        long last = watermark.toEpochMilli() + 1;
        while (!open.isEmpty() && open.firstKey() <= last) {
            Map.Entry<Long, Map<String, WindowAccumulator>> w = open.pollFirstEntry();
            Instant end = Instant.ofEpochMilli(w.getKey());
            Instant start = end.minusMillis(sizeMs);
            List<WindowedMetrics> round = new ArrayList<>();
            for (WindowAccumulator acc : w.getValue().values()) {
                round.add(acc.result(start, end));
            }
            out.add(round);
        }
        return out;
    }
}
