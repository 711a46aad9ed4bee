package io.waddle.autoscaler.core.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct engines' sliding windows assign a sample as Flink's do.
 *
 * <pre>
 *   size 60 s, slide 15 s; a sample at 14:00:20 is in the windows ending
 *   14:00:30, 14:00:45, 14:01:00, 14:01:15   (t < end <= t + size)
 * </pre>
 */
class SlidingWindowsTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private final SlidingWindows windows =
            new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(15));

    @Test
    void aSampleIsInEveryWindowThatCoversItsTime() {
        windows.add(SampleBuilder.compute("chat-api", "eu-west").at(START.plusSeconds(20)).build());

        List<List<WindowedMetrics>> closed = windows.close(START.plusSeconds(120));

        assertThat(closed)
                .extracting(round -> round.get(0).windowEnd())
                .containsExactly(
                        START.plusSeconds(30),
                        START.plusSeconds(45),
                        START.plusSeconds(60),
                        START.plusSeconds(75));
        assertThat(closed.get(0).get(0).windowStart()).isEqualTo(START.minusSeconds(30));
    }

    @Test
    void aWindowClosesWhenTheWatermarkReachesItsLastMillisecond() {
        windows.add(SampleBuilder.compute("chat-api", "eu-west").at(START.plusSeconds(20)).build());

        assertThat(windows.close(START.plusSeconds(30).minusMillis(2))).isEmpty();
        assertThat(windows.close(START.plusSeconds(30).minusMillis(1))).hasSize(1);
    }

    @Test
    void eachServiceIsItsOwnWindowInTheSameRound() {
        windows.add(SampleBuilder.compute("chat-api", "eu-west").at(START.plusSeconds(1)).build());
        windows.add(SampleBuilder.compute("chat-api", "us-east").at(START.plusSeconds(2)).build());

        List<WindowedMetrics> first = windows.close(START.plusSeconds(15)).get(0);

        assertThat(first)
                .extracting(WindowedMetrics::serviceRegionKey)
                .containsExactly("chat-api/eu-west", "chat-api/us-east");
    }

    @Test
    void aSlideThatDoesNotDivideTheSizeIsRefused() {
        assertThatThrownBy(() -> new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divide");
    }
}
