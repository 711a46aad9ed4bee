package io.waddle.autoscaler.core.patterns;

import java.time.Duration;

/**
 * How far back the patterns look: the bounds a policy's pattern settings are checked against, and
 * the horizon after which a partial match expires, in the CEP patterns and their plain-Java twins.
 */
public final class PatternHorizons {
    /** The longest span a policy may give a spike (the spike pattern's own horizon). */
    public static final Duration MAX_SPIKE_SPAN = Duration.ofMinutes(10);

    /** The longest sustained-low run the pattern watches (a policy's stabilization is shorter). */
    public static final Duration MAX_LOW_SPAN = Duration.ofHours(2);

    private PatternHorizons() {}
}
