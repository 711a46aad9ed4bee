package io.waddle.autoscaler.scaling;

import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import java.time.Duration;

/**
 * The last rule before a command is issued: never the same target twice while the first is in
 * flight. Plain Java; the Flink adapter keeps the in-flight command in state and expires it with an
 * event-time timer.
 */
public final class CommandGate {
    private final Duration inFlightTimeout;

    /**
     * @param inFlight what is in flight after this event (null: nothing)
     * @param command the command to issue, or null
     * @param event the decision as it goes to the event log
     */
    public record Result(InFlightCommand inFlight, ScalingCommand command, ScalingEvent event) {}

    public CommandGate(Duration inFlightTimeout) {
        this.inFlightTimeout = inFlightTimeout;
    }

    /**
     *
     *
     * <ol>
     *   <li>A command in flight whose target the reporting instances have reached is complete.
     *   <li>A decision that changes nothing passes to the log.
     *   <li>A SCALE decision to the target of the command in flight is suppressed
     *       (DUPLICATE_IN_FLIGHT).
     *   <li>Any other SCALE decision becomes a command, in flight until it completes or {@code
     *       decidedAt + timeout}.
     * </ol>
     */
    public Result admit(InFlightCommand pending, ScalingEvent event) {
        if (pending != null
                && event.observed() != null
                && pending.completedBy(event.observed().instances())) {
            pending = null;
        }
        if (!event.issuesCommand()) {
            return new Result(pending, null, event);
        }
        if (pending != null && pending.target() == event.to()) {
            return new Result(
                    pending,
                    null,
                    event.suppressedBy(
                            Reason.DUPLICATE_IN_FLIGHT,
                            "command "
                                    + pending.commandId()
                                    + " to "
                                    + pending.target()
                                    + " is still in flight"));
        }
        long expiresAt = event.decidedAt().plus(inFlightTimeout).toEpochMilli();
        InFlightCommand issued =
                new InFlightCommand(
                        event.commandId(), event.to(), event.to() > event.from(), expiresAt);
        return new Result(issued, ScalingCommand.of(event), event);
    }

    /** Whether {@code pending} has expired once event time has reached {@code watermark}. */
    public static boolean expired(InFlightCommand pending, long watermark) {
        return pending != null && pending.expiresAt() <= watermark;
    }
}
