package io.waddle.autoscaler.core.model;

import java.io.Serializable;

/**
 * What reaches the scalers, keyed by service/region: a window to decide on, or a pattern match on
 * one of its windows (exactly one is set).
 */
public record ScalerInput(WindowedMetrics window, PatternMatch match) implements Serializable {

    public ScalerInput {
        if ((window == null) == (match == null)) {
            throw new IllegalArgumentException("exactly one of window and match");
        }
    }

    public static ScalerInput of(WindowedMetrics w) {
        return new ScalerInput(w, null);
    }

    public static ScalerInput of(PatternMatch m) {
        return new ScalerInput(null, m);
    }

    public String serviceRegionKey() {
        return window != null ? window.serviceRegionKey() : match.serviceRegionKey();
    }
}
