package io.waddle.autoscaler.core.ingest;

/** A sample that cannot be used, with the reason code for the dead-letter topic. */
public final class InvalidSampleException extends Exception {
    private final RejectReason reason;

    public InvalidSampleException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
