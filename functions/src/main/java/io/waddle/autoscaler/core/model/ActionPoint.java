package io.waddle.autoscaler.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One scaling action of a service, as the oscillation patterns see it.
 *
 * @param seq the service's action count: 0 for its first action, then 1, 2, ...
 * @param up whether capacity went up
 */
public record ActionPoint(String service, String region, Instant at, long seq, boolean up)
        implements Serializable {

    public String serviceRegionKey() {
        return ServiceRegion.key(service, region);
    }
}
