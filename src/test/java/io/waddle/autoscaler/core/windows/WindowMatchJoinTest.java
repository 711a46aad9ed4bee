package io.waddle.autoscaler.core.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each window is released once, with its matches, by event time or at the latest by the decision
 * timeout on the wall clock.
 *
 * <pre>
 *   event time   ──── W1 ends (START) ──── W2 ends (+15 s) ────▶
 *   wall clock   W1 arrives at 0 ms, W2 at 500 ms; timeout 2,000 ms
 * </pre>
 */
class WindowMatchJoinTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant FIFTEEN_SECONDS_LATER = START.plusSeconds(15);
    private static final long WALL = 1_000_000L;

    private final WindowMatchJoin join = new WindowMatchJoin(Duration.ofSeconds(2));

    private static WindowedMetrics window(Instant end) {
        return WindowBuilder.endingAt(end).instances(10).cpu(70).build();
    }

    private static PatternMatch spike(Instant at, double from, double to) {
        return new PatternMatch(
                PatternMatch.Type.SPIKE,
                "chat-api",
                "eu-west",
                at.minusSeconds(30),
                at,
                from,
                to,
                2,
                "spike " + from + " -> " + to);
    }

    private static long before(Instant end) {
        return end.toEpochMilli() - 1;
    }

    @Test
    void aWindowIsReleasedWithItsMatchOnceEventTimePassesIt() {
        PendingWindows p = join.window(PendingWindows.EMPTY, window(START), WALL);
        WindowMatchJoin.Offered o = join.match(p, spike(START, 100, 160), before(START) - 1);

        WindowMatchJoin.Released r = join.byEventTime(o.next(), before(START));

        assertThat(o.late()).isFalse();
        assertThat(r.due())
                .singleElement()
                .satisfies(
                        j -> {
                            assertThat(j.window().windowEnd()).isEqualTo(START);
                            assertThat(j.matches().spike().value()).isEqualTo(160);
                        });
        assertThat(r.next().isEmpty()).isTrue();
        assertThat(r.lateMatches()).isZero();
    }

    @Test
    void eventTimeBeforeTheWindowsEndReleasesNothing() {
        PendingWindows p = join.window(PendingWindows.EMPTY, window(START), WALL);

        WindowMatchJoin.Released r = join.byEventTime(p, before(START) - 1);

        assertThat(r.due()).isEmpty();
        assertThat(r.next()).isEqualTo(p);
    }

    @Test
    void ofTwoSpikesOnOneWindowTheSteeperIsKept() {
        PendingWindows p = join.window(PendingWindows.EMPTY, window(START), WALL);
        p = join.match(p, spike(START, 100, 160), 0).next();
        p = join.match(p, spike(START, 100, 300), 0).next();
        p = join.match(p, spike(START, 100, 200), 0).next();

        WindowMatchJoin.Released r = join.byEventTime(p, before(START));

        assertThat(r.due().get(0).matches().spike().value()).isEqualTo(300);
    }

    @Test
    void aMatchForAWindowAlreadyDecidedIsLateAndChangesNothing() {
        PendingWindows p = join.window(PendingWindows.EMPTY, window(START), WALL);
        WindowMatchJoin.Released decided = join.byEventTime(p, before(START));

        WindowMatchJoin.Offered o =
                join.match(decided.next(), spike(START, 100, 160), before(START));

        assertThat(o.late()).isTrue();
        assertThat(o.next()).isEqualTo(decided.next());
    }

    @Test
    void aMatchWhoseWindowNeverCameIsDroppedAndCountedWhenEventTimePassesIt() {
        PendingWindows p = join.match(PendingWindows.EMPTY, spike(START, 100, 160), 0).next();

        WindowMatchJoin.Released r = join.byEventTime(p, before(START));

        assertThat(r.due()).isEmpty();
        assertThat(r.lateMatches()).isEqualTo(1);
        assertThat(r.next().isEmpty()).isTrue();
    }

    @Test
    void theWallClockReleasesAnOverdueWindowAndEveryOneBeforeItOldestFirst() {
        PendingWindows p = join.window(PendingWindows.EMPTY, window(START), WALL);
        p = join.window(p, window(FIFTEEN_SECONDS_LATER), WALL + 500);

        WindowMatchJoin.Released early = join.byWallClock(p, WALL + 1_999);
        WindowMatchJoin.Released first = join.byWallClock(p, WALL + 2_000);
        WindowMatchJoin.Released both = join.byWallClock(p, WALL + 2_500);

        assertThat(early.due()).isEmpty();
        assertThat(first.due()).extracting(j -> j.window().windowEnd()).containsExactly(START);
        assertThat(both.due())
                .extracting(j -> j.window().windowEnd())
                .containsExactly(START, FIFTEEN_SECONDS_LATER);
        assertThat(both.next().isEmpty()).isTrue();
    }

    @Test
    void theDeadlineIsTheTimeoutAfterArrival() {
        assertThat(join.deadline(WALL)).isEqualTo(WALL + 2_000);
    }
}
