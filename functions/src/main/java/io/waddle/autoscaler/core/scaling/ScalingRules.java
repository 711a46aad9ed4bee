package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How fast one direction may move, as in the HPA's {@code behavior.scaleUp}/{@code scaleDown}: a
 * set of rate policies and which of them wins.
 */
public record ScalingRules(List<RatePolicy> policies, Select select) implements Serializable {

    /** Which policy applies when several allow different amounts. */
    public enum Select {
        /** The policy allowing the largest change (the HPA default). */
        MAX,
        /** The policy allowing the smallest change. */
        MIN,
        /** No change at all in this direction. */
        DISABLED
    }

    public ScalingRules {
        Objects.requireNonNull(select, "select");
        policies = List.copyOf(policies);
        if (policies.isEmpty() && select != Select.DISABLED) {
            throw new IllegalArgumentException(
                    "at least one rate policy is needed unless DISABLED");
        }
    }

    /** The longest period of any policy: how much scaling history the limits need. */
    public Duration longestPeriod() {
        return policies.stream()
                .map(RatePolicy::period)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /**
     * The highest capacity a scale-up may reach now.
     *
     * <pre>
     * periodStart = current - instances added within the policy's period
     * allowed     = periodStart + value                       (INSTANCES)
     *             = ceil(periodStart * (1 + value / 100))      (PERCENT)
     * limit       = max (or min) of allowed over policies
     * </pre>
     */
    public int scaleUpLimit(int current, List<ScaleEvent> history, Instant now) {
        if (select == Select.DISABLED) {
            return current;
        }
        int limit = select == Select.MAX ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (RatePolicy p : policies) {
            int periodStart = current - ScaleEvent.addedSince(history, now.minus(p.period()));
            int allowed =
                    p.type() == RatePolicy.Type.INSTANCES
                            ? periodStart + p.value()
                            : (int) Math.ceil(periodStart * (1 + p.value() / 100.0));
            limit = select == Select.MAX ? Math.max(limit, allowed) : Math.min(limit, allowed);
        }
        return limit;
    }

    /**
     * The lowest capacity a scale-down may reach now.
     *
     * <pre>
     * periodStart = current + instances removed within the policy's period
     * allowed     = periodStart - value                       (INSTANCES)
     *             = floor(periodStart * (1 - value / 100))     (PERCENT)
     * limit       = min (for MAX: the largest change) or max of allowed over policies
     * </pre>
     */
    public int scaleDownLimit(int current, List<ScaleEvent> history, Instant now) {
        if (select == Select.DISABLED) {
            return current;
        }
        int limit = select == Select.MAX ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (RatePolicy p : policies) {
            int periodStart = current + ScaleEvent.removedSince(history, now.minus(p.period()));
            int allowed =
                    p.type() == RatePolicy.Type.INSTANCES
                            ? periodStart - p.value()
                            : (int) Math.floor(periodStart * (1 - p.value() / 100.0));
            limit = select == Select.MAX ? Math.min(limit, allowed) : Math.max(limit, allowed);
        }
        return Math.max(0, limit);
    }
}
