package io.waddle.autoscaler.scaling;

/**
 * The last command issued for a service in a region, until it completes or expires.
 *
 * @param target the capacity it asked for
 * @param scaleUp its direction: complete when reporting instances reach the target from this side
 * @param expiresAt event time (epoch ms) after which it no longer counts as in flight
 */
public record InFlightCommand(String commandId, int target, boolean scaleUp, long expiresAt) {

    /** Whether {@code reporting} instances mean the command has taken effect. */
    public boolean completedBy(int reporting) {
        return scaleUp ? reporting >= target : reporting <= target;
    }
}
