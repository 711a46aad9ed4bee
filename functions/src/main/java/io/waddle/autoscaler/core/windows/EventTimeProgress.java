package io.waddle.autoscaler.core.windows;

import java.time.Duration;

/**
 * When an operator's event time last moved, on the wall clock, and so from when it counts as held
 * back. The decision timeout is for event time that does not move (an idle input, a path that holds
 * the watermark back); while it moves, a window that has arrived is waiting for work the job is
 * still doing (a backlog after a restart, an operator slower than the others under load), and its
 * pattern matches are on their way. Deciding it then on the wall clock would decide it without
 * them, differently from one run to the next.
 *
 * <p>An operator observes the watermark when it handles a record or a timer, so a move is seen no
 * earlier than it happened: the held-back time it reports errs on the side of waiting. Plain Java,
 * time is an input (watermarks and wall clock in epoch ms); one per operator instance, not kept in
 * checkpoints (after a restore, the count starts again at the first observation). Before any
 * observation, event time counts as held back.
 */
public final class EventTimeProgress {
    private final long timeoutMs;
    private long watermark = Long.MIN_VALUE;
    private long movedAt = Long.MIN_VALUE;

    /**
     * @param timeout how long event time must stand still to count as held back
     */
    public EventTimeProgress(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the decision timeout must be >= 0: " + timeout);
        }
        this.timeoutMs = timeout.toMillis();
    }

    /**
     * Notes the operator's watermark as seen at {@code wallNowMs}. The first observation starts the
     * count, whatever the watermark.
     */
    public void observe(long currentWatermark, long wallNowMs) {
        if (movedAt == Long.MIN_VALUE || currentWatermark > watermark) {
            watermark = currentWatermark;
            movedAt = Math.max(movedAt, wallNowMs);
        }
    }

    /**
     * The wall-clock time from which event time counts as held back: the decision timeout after it
     * was last seen to move.
     */
    public long heldBackFrom() {
        if (movedAt == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return movedAt > Long.MAX_VALUE - timeoutMs ? Long.MAX_VALUE : movedAt + timeoutMs;
    }

    /** Whether event time has stood still for the whole timeout at {@code wallNowMs}. */
    public boolean heldBack(long wallNowMs) {
        return wallNowMs >= heldBackFrom();
    }
}
