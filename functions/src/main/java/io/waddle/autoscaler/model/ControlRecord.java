package io.waddle.autoscaler.model;

/**
 * What the decision operator receives on its broadcast input: a policy record or an actuation
 * result. Exactly one is set.
 */
public record ControlRecord(PolicyRecord policy, ActuationResult result) {

    public ControlRecord {
        if ((policy == null) == (result == null)) {
            throw new IllegalArgumentException("a control record holds a policy or a result");
        }
    }

    public static ControlRecord of(PolicyRecord policy) {
        return new ControlRecord(policy, null);
    }

    public static ControlRecord of(ActuationResult result) {
        return new ControlRecord(null, result);
    }
}
