package io.waddle.autoscaler.core.alerts;

import java.io.Serializable;
import java.time.Duration;

/**
 * The alerts' tunables, checked. Built from {@code AutoscalerOptions}.
 *
 * @param calmPeriod a service without oscillation for this long has its oscillation alert resolved
 * @param failureSpan the span a service's scaling failure rate is measured over
 * @param failureThreshold the failed share of the commands in the span above which the failures
 *     alert fires
 */
public record AlertSettings(Duration calmPeriod, Duration failureSpan, double failureThreshold)
        implements Serializable {

    public AlertSettings {
        if (calmPeriod.isNegative() || calmPeriod.isZero()) {
            throw new IllegalArgumentException("the calm period must be > 0: " + calmPeriod);
        }
        if (failureSpan.isNegative() || failureSpan.isZero()) {
            throw new IllegalArgumentException("the failure span must be > 0: " + failureSpan);
        }
        if (!(failureThreshold >= 0 && failureThreshold < 1)) {
            throw new IllegalArgumentException(
                    "the failure threshold must be in [0, 1): " + failureThreshold);
        }
    }
}
