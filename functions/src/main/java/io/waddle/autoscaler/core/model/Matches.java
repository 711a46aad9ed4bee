package io.waddle.autoscaler.core.model;

/**
 * What the patterns matched on one window of a service, as its evaluation receives them.
 *
 * @param spike the steepest spike that peaked on the window, or null
 * @param sustainedLow the sustained-low run the window completed, or null
 */
public record Matches(PatternMatch spike, PatternMatch sustainedLow) {
    public static final Matches NONE = new Matches(null, null);
}
