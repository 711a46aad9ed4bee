package io.waddle.autoscaler.core.model;

import java.io.Serializable;

/**
 * What reaches the scalers, keyed by service/region: a window to decide on, a pattern match on one
 * of its windows, or the actuator's inventory of the service (exactly one is set).
 */
public record ScalerInput(WindowedMetrics window, PatternMatch match, ActuationResult inventory)
        implements Serializable {

    public ScalerInput {
        int set = (window != null ? 1 : 0) + (match != null ? 1 : 0) + (inventory != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of window, match and inventory");
        }
    }

    public static ScalerInput of(WindowedMetrics w) {
        return new ScalerInput(w, null, null);
    }

    public static ScalerInput of(PatternMatch m) {
        return new ScalerInput(null, m, null);
    }

    /** An observed capacity from the actuator ({@link ActuationResult#isObservation()}). */
    public static ScalerInput of(ActuationResult inventory) {
        if (!inventory.isObservation()) {
            throw new IllegalArgumentException(
                    "only the actuator's inventory reaches the scalers: " + inventory.status());
        }
        return new ScalerInput(null, null, inventory);
    }

    public String serviceRegionKey() {
        if (window != null) {
            return window.serviceRegionKey();
        }
        return match != null ? match.serviceRegionKey() : inventory.serviceRegionKey();
    }
}
