package io.waddle.autoscaler.core.model;

import java.io.Serializable;

/**
 * What the alerts operator watches, keyed by service/region: an oscillation match, an actuation
 * result, or an event of the coordinator (exactly one is set).
 */
public record AlertInput(PatternMatch match, ActuationResult result, Decision event)
        implements Serializable {

    public AlertInput {
        int set = (match != null ? 1 : 0) + (result != null ? 1 : 0) + (event != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of match, result and event");
        }
    }

    public static AlertInput of(PatternMatch m) {
        return new AlertInput(m, null, null);
    }

    public static AlertInput of(ActuationResult r) {
        return new AlertInput(null, r, null);
    }

    public static AlertInput of(Decision e) {
        return new AlertInput(null, null, e);
    }

    public String service() {
        if (match != null) {
            return match.service();
        }
        return result != null ? result.service() : event.service();
    }

    public String region() {
        if (match != null) {
            return match.region();
        }
        return result != null ? result.region() : event.region();
    }

    public String serviceRegionKey() {
        if (match != null) {
            return match.serviceRegionKey();
        }
        return result != null ? result.serviceRegionKey() : event.serviceRegionKey();
    }
}
