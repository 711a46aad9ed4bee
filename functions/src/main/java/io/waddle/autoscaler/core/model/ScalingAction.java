package io.waddle.autoscaler.core.model;

import java.util.Locale;

/**
 * What a decision does to a service's capacity. {@code NONE} only appears on events, never on
 * commands.
 */
public enum ScalingAction {
    SCALE_UP,
    SCALE_DOWN,
    REBALANCE,
    NONE;

    /**
     * The name used in JSON messages and in the demo's view: {@code scale_up}, {@code scale_down},
     * ...
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScalingAction between(int from, int to) {
        if (to > from) {
            return SCALE_UP;
        }
        return to < from ? SCALE_DOWN : NONE;
    }
}
