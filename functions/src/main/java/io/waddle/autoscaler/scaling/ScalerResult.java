package io.waddle.autoscaler.scaling;

/** A decision and the scaler state to keep for the next evaluation. */
public record ScalerResult(ScalingDecision decision, ScalerState next) {}
