package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.ServiceRegion;
import java.util.Locale;
import java.util.Map;

/**
 * What one coordinator sees, and so how far it spreads: the whole platform (every region in one
 * round, one subtask), or one region of it (each region its own round and state, so that a platform
 * of many regions spreads over the coordinator's subtasks). Everything the coordinator does is
 * within a region except global maximums across regions, which need the platform.
 */
public enum CoordinatorScope {
    PLATFORM,
    REGION;

    /** {@code platform} or {@code region}, checked against the global maximums it must hold. */
    public static CoordinatorScope parse(String spec, Map<String, Integer> globalMax) {
        CoordinatorScope scope;
        try {
            scope = valueOf(spec.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "coordinator scope must be platform or region: '" + spec + "'");
        }
        if (scope == REGION && !globalMax.isEmpty()) {
            throw new IllegalArgumentException(
                    "a coordinator per region cannot hold a maximum across regions ("
                            + String.join(", ", globalMax.keySet())
                            + "): use the scope platform");
        }
        return scope;
    }

    /** The coordinator a decision or result of {@code region} of {@code platform} goes to. */
    public String key(String platform, String region) {
        return this == PLATFORM ? platform : ServiceRegion.key(platform, region);
    }
}
