package io.waddle.autoscaler.core.model.violation;

import io.waddle.autoscaler.core.scaling.ScalerState;

/** A deliberate violation for {@code ArchitectureRulesTest}: model that imports the scalers. */
public final class ModelUsingScaling {
    public ScalerState state() {
        return ScalerState.initial();
    }
}
