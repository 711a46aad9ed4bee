package io.waddle.autoscaler.core.model;

/** A rule that cut a scaling step short; the step still happens, smaller than the metrics asked. */
public enum Limit {
    RATE_LIMIT,
    MAX_INSTANCES,
    MIN_INSTANCES
}
