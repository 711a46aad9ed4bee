package io.waddle.autoscaler.core.model;

import java.util.regex.Pattern;

/** The unit that is scaled: a service in one region. */
public final class ServiceRegion {
    private static final char SEPARATOR = '/';

    /** Service and region names: Kubernetes-style, and never containing the separator '/'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ServiceRegion() {}

    /**
     * The string key of a service in a region. Service and region names cannot contain the
     * separator (the parser enforces their character set), so the key is unambiguous.
     */
    /**
     * Whether {@code s} may name a service or a region: 1-128 of letters, digits, '.', '_', '-'.
     */
    public static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    public static String key(String service, String region) {
        return service + SEPARATOR + region;
    }
}
