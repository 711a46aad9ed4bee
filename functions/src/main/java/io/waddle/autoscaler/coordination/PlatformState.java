package io.waddle.autoscaler.coordination;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the coordinator knows of one platform: the capacity each service has in each region (from
 * the latest decision about it) and the commands in flight.
 *
 * @param capacities by service/region key
 * @param locks by service/region key: the command in flight for it
 */
public record PlatformState(Map<String, Capacity> capacities, Map<String, Lock> locks)
        implements Serializable {

    public PlatformState {
        capacities = Map.copyOf(capacities);
        locks = Map.copyOf(locks);
    }

    public static PlatformState empty() {
        return new PlatformState(Map.of(), Map.of());
    }

    /** A service's capacity in a region: instances, relays, pool connections or cache nodes. */
    public record Capacity(String service, String region, String kind, int capacity, Instant seenAt)
            implements Serializable {}

    /** A command in flight: no other command for its service until it completes or expires. */
    public record Lock(String commandId, int target, Instant since) implements Serializable {}
}
