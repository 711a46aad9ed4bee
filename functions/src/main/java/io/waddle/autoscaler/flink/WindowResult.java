package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.windows.WindowAccumulator;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Stamps the window's bounds on its statistics. */
public final class WindowResult
        extends ProcessWindowFunction<WindowAccumulator, WindowedMetrics, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<WindowAccumulator> accs,
            Collector<WindowedMetrics> out) {
        TimeWindow w = ctx.window();
        for (WindowAccumulator acc : accs) {
            out.collect(
                    acc.result(
                            Instant.ofEpochMilli(w.getStart()), Instant.ofEpochMilli(w.getEnd())));
        }
    }
}
