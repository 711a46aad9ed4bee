package io.waddle.autoscaler.core.model;

/** What became of a decision. */
public enum Outcome {
    /** Capacity changes: a command is issued. */
    SCALE,
    /** Nothing asks for a change. */
    NO_CHANGE,
    /**
     * Metrics ask for a change, but a rule (stabilization, cooldown, bounds, dedup) holds it back.
     */
    SUPPRESSED
}
