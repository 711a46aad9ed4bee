package io.waddle.autoscaler.core.ingest;

/** Why a metric sample was sent to the dead-letter topic. Codes are stable. */
public enum RejectReason {
    INVALID_JSON,
    MISSING_FIELD,
    INVALID_FIELD,
    UNSUPPORTED_SCHEMA_VERSION,
    UNKNOWN_SERVICE_KIND,
    NOT_A_NUMBER,
    NEGATIVE_VALUE,
    OUT_OF_RANGE,
    TIMESTAMP_IN_FUTURE,
    /** Larger than a sample can be (record bytes, gauges per sample). */
    TOO_LARGE,
    /** From one instance id more than a service may have (a flood of fake instances). */
    TOO_MANY_INSTANCES,
    /** From one service (and region) more than the job tracks (a flood of fake service names). */
    TOO_MANY_SERVICES,
    /** Arrived after its window had closed (event time older than the watermark allows). */
    LATE
}
