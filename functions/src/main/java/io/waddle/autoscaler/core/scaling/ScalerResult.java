package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.ScalingDecision;

/**
 * A decision and the scaler state to keep for the next evaluation.
 *
 * @param <S> the scaler's own state
 */
public record ScalerResult<S>(ScalingDecision decision, S next) {}
