package io.waddle.autoscaler.flink;

import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Lets the records of the windows through as they are, and event time only in whole slides: the
 * watermark after this operator is the last millisecond of the latest window it has passed.
 *
 * <p>Every record downstream (a window's statistics, a load point, a decision) carries a window's
 * last millisecond, so nothing downstream is decided a moment later for it. What changes is the
 * number of watermarks: the source emits one every 200 ms, and every keyed operator with event-time
 * timers (each CEP pattern, for every key with a partial match) runs them on each. Per slide there
 * is now one.
 */
public final class SlideWatermarks<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    private final long slideMs;
    private transient long emitted;

    public SlideWatermarks(Duration slide) {
        this.slideMs = slide.toMillis();
        if (slideMs <= 0) {
            throw new IllegalArgumentException("the slide must be > 0: " + slide);
        }
    }

    /** The last window end minus 1 ms at or before {@code watermark}; the end of input as it is. */
    public static long stepped(long watermark, long slideMs) {
        if (watermark == Long.MAX_VALUE) {
            return watermark;
        }
        if (watermark < Long.MIN_VALUE + slideMs) {
            return Long.MIN_VALUE;
        }
        // end - 1 <= watermark  <=>  end <= watermark + 1 (no overflow: watermark < MAX)
        return Math.floorDiv(watermark + 1, slideMs) * slideMs - 1;
    }

    @Override
    public void open() throws Exception {
        super.open();
        emitted = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        long w = stepped(mark.getTimestamp(), slideMs);
        if (w > emitted) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
        }
    }
}
