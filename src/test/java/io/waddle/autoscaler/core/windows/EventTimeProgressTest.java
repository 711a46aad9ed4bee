package io.waddle.autoscaler.core.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Event time counts as held back once it has stood still for the whole decision timeout (2,000 ms
 * here) after it was last seen to move.
 */
class EventTimeProgressTest {
    private final EventTimeProgress progress = new EventTimeProgress(Duration.ofSeconds(2));

    @Test
    void eventTimeThatStandsStillIsHeldBackOnceTheTimeoutHasPassed() {
        progress.observe(5_000, 1_000);
        progress.observe(5_000, 2_500);

        assertThat(progress.heldBack(2_999)).isFalse();
        assertThat(progress.heldBack(3_000)).isTrue();
        assertThat(progress.heldBackFrom()).isEqualTo(3_000);
    }

    @Test
    void eachMoveStartsTheCountAgain() {
        progress.observe(5_000, 1_000);
        progress.observe(6_000, 2_900);

        assertThat(progress.heldBack(3_000)).isFalse();
        assertThat(progress.heldBackFrom()).isEqualTo(4_900);
    }

    @Test
    void aWatermarkThatGoesBackIsNoMove() {
        progress.observe(5_000, 1_000);
        progress.observe(4_000, 2_000);

        assertThat(progress.heldBackFrom()).isEqualTo(3_000);
    }

    @Test
    void aWallClockThatGoesBackDoesNotMoveTheCountBack() {
        progress.observe(5_000, 10_000);
        progress.observe(6_000, 1_000);

        assertThat(progress.heldBackFrom()).isEqualTo(12_000);
    }

    @Test
    void beforeAnyObservationEventTimeCountsAsHeldBackAndTheFirstStartsTheCount() {
        assertThat(progress.heldBack(Long.MIN_VALUE + 1)).isTrue();

        progress.observe(Long.MIN_VALUE, 7_000);

        assertThat(progress.heldBack(8_999)).isFalse();
        assertThat(progress.heldBack(9_000)).isTrue();
    }

    @Test
    void theEndOfTimeDoesNotOverflow() {
        progress.observe(1, Long.MAX_VALUE - 10);

        assertThat(progress.heldBackFrom()).isEqualTo(Long.MAX_VALUE);
        assertThat(progress.heldBack(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThatThrownBy(() -> new EventTimeProgress(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision timeout");
    }
}
