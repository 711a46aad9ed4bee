package io.waddle.autoscaler.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four kinds of platform component Waddle scales. */
public enum ServiceKind {
    COMPUTE,
    WEBRTC,
    DATABASE,
    CACHE;

    /** The name used in JSON messages: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a capacity of this kind counts: instances, relays, connections or nodes. */
    public String unit() {
        return switch (this) {
            case COMPUTE -> "instances";
            case WEBRTC -> "relays";
            case DATABASE -> "connections";
            case CACHE -> "nodes";
        };
    }

    public static Optional<ServiceKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
