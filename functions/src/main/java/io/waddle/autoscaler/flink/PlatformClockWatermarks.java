package io.waddle.autoscaler.flink;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that never run ahead of the job's clock:
 *
 * <pre>
 * watermark = min(newest sample's timestamp, job clock) - max out-of-orderness - 1 ms
 * </pre>
 *
 * A replay of history (samples far behind the clock) is timed by its samples as usual. A live
 * sample stamped ahead, by a producer whose clock runs fast, moves its partition's watermark no
 * further than the job's own clock, so the other services' samples on time are not made late. The
 * parser refuses what is further ahead than the future skew; this bounds what it lets through.
 */
public final class PlatformClockWatermarks<T> implements WatermarkGenerator<T> {
    private final long delayMs;
    private final Clock clock;
    private long newest;

    public PlatformClockWatermarks(Duration maxOutOfOrderness, Clock clock) {
        this.delayMs = maxOutOfOrderness.toMillis();
        this.clock = clock;
        this.newest = Long.MIN_VALUE + delayMs + 1;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        newest = Math.max(newest, timestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(current()));
    }

    /** The watermark as of now. */
    long current() {
        return Math.min(newest, clock.millis()) - delayMs - 1;
    }
}
