package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Event time follows the samples, but never runs ahead of the job's clock. */
class PlatformClockWatermarksTest {
    private static final Instant NOW = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);

    private final PlatformClockWatermarks<String> watermarks =
            new PlatformClockWatermarks<>(DELAY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aReplayOfHistoryIsTimedByItsSamples() {
        long then = NOW.minus(Duration.ofDays(3)).toEpochMilli();

        watermarks.onEvent("s", then, null);

        assertThat(watermarks.current()).isEqualTo(then - 5_000 - 1);
    }

    @Test
    void oneSampleStampedAheadMovesEventTimeNoFurtherThanTheJobsClock() {
        watermarks.onEvent("on time", NOW.minusSeconds(1).toEpochMilli(), null);
        watermarks.onEvent("ahead", NOW.plusSeconds(4).toEpochMilli(), null);

        assertThat(watermarks.current()).isEqualTo(NOW.toEpochMilli() - 5_000 - 1);
    }

    @Test
    void beforeAnySampleTheWatermarkIsAtTheStartOfTime() {
        assertThat(watermarks.current()).isEqualTo(Long.MIN_VALUE);
    }
}
