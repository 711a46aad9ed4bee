package io.waddle.autoscaler.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control stream joined to an event-time stream: it always reports the end of
 * time, so the joined operator's event time (the minimum of its inputs) is that of the data alone.
 * Without it, a policy stream without timestamps would hold the decision operator's timers back
 * forever.
 */
final class BroadcastWatermarks {
    private BroadcastWatermarks() {}

    static <T> WatermarkStrategy<T> neverHoldBack() {
        WatermarkStrategy<T> endOfTime =
                context ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(T event, long timestamp, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        };
        // A reader without a partition has nothing to emit through: idleness takes it out.
        return endOfTime.withIdleness(Duration.ofSeconds(5));
    }
}
