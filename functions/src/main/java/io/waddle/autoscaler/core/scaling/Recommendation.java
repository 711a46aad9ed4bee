package io.waddle.autoscaler.core.scaling;

import java.time.Instant;

/** What the metrics asked for at one evaluation: what the stabilization windows look back over. */
public record Recommendation(Instant at, int instances) {}
