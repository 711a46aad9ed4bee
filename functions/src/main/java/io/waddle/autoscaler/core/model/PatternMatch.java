package io.waddle.autoscaler.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * A match of one of the job's CEP patterns for one service in one region.
 *
 * @param from when the matched sequence began (the spike's base, the first low window, the first
 *     scaling action)
 * @param at when it completed (the spike's peak window, the last low window, the last flip)
 * @param fromValue, value the request rates of a spike (base and peak), the CPU of the first and
 *     last low windows; 0 for oscillation
 * @param count points or flips in the match
 */
public record PatternMatch(
        Type type,
        String service,
        String region,
        Instant from,
        Instant at,
        double fromValue,
        double value,
        int count,
        String detail)
        implements Serializable {

    public enum Type {
        /** The request rate rose sharply: emergency scale-up. */
        SPIKE,
        /** CPU stayed under the scale-down threshold for the whole stabilization window. */
        SUSTAINED_LOW,
        /** Scaling changed direction too often. */
        OSCILLATION
    }

    /** A spike's exponential growth rate, per second: ln(value / fromValue) / seconds. */
    public double growthPerSecond() {
        double seconds = Math.max(1, (at.toEpochMilli() - from.toEpochMilli()) / 1000.0);
        return Math.log(value / Math.max(fromValue, 1e-9)) / seconds;
    }

    /** Of two spikes on the same window, the one that grew faster. */
    public static PatternMatch steeper(PatternMatch a, PatternMatch b) {
        if (a == null) {
            return b;
        }
        return b.growthPerSecond() > a.growthPerSecond() ? b : a;
    }

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
