package io.waddle.autoscaler.jobs;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control stream joined to an event-time stream: none, and the stream declares
 * itself idle, so the joined operator's event time is that of the data alone. Without timestamps
 * the policy stream would otherwise hold the decision operator's timers back forever; and reporting
 * "end of time" instead would be worse: while the metrics are idle (a pause longer than the
 * idleness timeout), end of time would reach the operator and fire every timer at once, clearing
 * every service's state.
 */
final class BroadcastWatermarks {
    private BroadcastWatermarks() {}

    static <T> WatermarkStrategy<T> neverHoldBack() {
        return context ->
                new WatermarkGenerator<>() {
                    @Override
                    public void onEvent(T event, long timestamp, WatermarkOutput output) {}

                    @Override
                    public void onPeriodicEmit(WatermarkOutput output) {
                        output.markIdle();
                    }
                };
    }
}
