package io.waddle.autoscaler.core.model;

/**
 * What the coordinator receives on its one input: a decision or an actuation result. Exactly one is
 * set. One input, not two: the results stream carries no event time, and as one of the channels of
 * the decisions' input it can never hold their event time back.
 */
public record CoordinatorInput(Decision decision, ActuationResult result) {

    public CoordinatorInput {
        if ((decision == null) == (result == null)) {
            throw new IllegalArgumentException("a coordinator input is a decision or a result");
        }
    }

    public static CoordinatorInput of(Decision decision) {
        return new CoordinatorInput(decision, null);
    }

    public static CoordinatorInput of(ActuationResult result) {
        return new CoordinatorInput(null, result);
    }
}
