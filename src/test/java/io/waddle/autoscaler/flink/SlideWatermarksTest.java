package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SlideWatermarksTest {
    private static final long SLIDE = 15_000;

    @Test
    void theWatermarkMovesInWholeSlidesToAWindowsLastMillisecond() {
        assertThat(SlideWatermarks.stepped(14_998, SLIDE)).isEqualTo(-1);
        assertThat(SlideWatermarks.stepped(14_999, SLIDE)).isEqualTo(14_999);
        assertThat(SlideWatermarks.stepped(29_998, SLIDE)).isEqualTo(14_999);
        assertThat(SlideWatermarks.stepped(30_000, SLIDE)).isEqualTo(29_999);
        assertThat(SlideWatermarks.stepped(-1, SLIDE)).isEqualTo(-1);
        assertThat(SlideWatermarks.stepped(-2, SLIDE)).isEqualTo(-15_001);
    }

    @Test
    void theEndsOfTimeStayWhereTheyAre() {
        assertThat(SlideWatermarks.stepped(Long.MAX_VALUE, SLIDE)).isEqualTo(Long.MAX_VALUE);
        assertThat(SlideWatermarks.stepped(Long.MIN_VALUE, SLIDE)).isEqualTo(Long.MIN_VALUE);
        assertThat(SlideWatermarks.stepped(Long.MIN_VALUE + 3, SLIDE)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void recordsPassAsTheyAreAndOnlyWatermarksThatPassAWindowGoOn() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(
                        new SlideWatermarks<>(Duration.ofMillis(SLIDE)))) {
            h.open();
            h.processElement(new StreamRecord<>("window", 14_999));
            h.processWatermark(new Watermark(10_000));
            h.processWatermark(new Watermark(14_999));
            h.processWatermark(new Watermark(20_000));
            h.processWatermark(new Watermark(29_999));
            h.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(h.getOutput())
                    .containsExactly(
                            new StreamRecord<>("window", 14_999),
                            new Watermark(-1),
                            new Watermark(14_999),
                            new Watermark(29_999),
                            new Watermark(Long.MAX_VALUE));
        }
    }

    @Test
    void aSlideOfZeroIsRefused() {
        assertThatThrownBy(() -> new SlideWatermarks<String>(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
