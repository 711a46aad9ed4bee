package io.waddle.autoscaler.core.policy;

/**
 * A policy that cannot be used: names the field (a JSON path such as {@code compute.max_instances})
 * and why.
 */
public final class InvalidPolicyException extends Exception {
    private final String field;
    private final String reason;

    public InvalidPolicyException(String field, String reason) {
        super((field.isEmpty() ? "" : field + ": ") + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
