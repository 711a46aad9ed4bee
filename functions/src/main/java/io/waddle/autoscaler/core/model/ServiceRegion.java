package io.waddle.autoscaler.core.model;

/** The unit that is scaled: a service in one region. */
public final class ServiceRegion {
    private static final char SEPARATOR = '/';

    private ServiceRegion() {}

    /**
     * The string key of a service in a region. Service and region names cannot contain the
     * separator (the parser enforces their character set), so the key is unambiguous.
     */
    public static String key(String service, String region) {
        return service + SEPARATOR + region;
    }
}
