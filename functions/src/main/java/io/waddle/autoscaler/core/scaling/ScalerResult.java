package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ScalingDecision;

/** A decision and the scaler state to keep for the next evaluation. */
public record ScalerResult(ScalingDecision decision, ScalerState next) {}
