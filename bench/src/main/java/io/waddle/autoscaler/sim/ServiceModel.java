package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Instant;
import java.util.List;

/**
 * How one simulated platform service turns its region's load into metric samples, and how much of
 * it it needs. Capacity is counted in the service's own units: instances, relays, pool connections
 * or cache nodes.
 */
public interface ServiceModel {

    String service();

    String region();

    ServiceKind kind();

    /** The unit of capacity, for the demo's view: instances, relays, connections, nodes. */
    String unit();

    /** Units the region's load needs at 100 % (the summary's demand). */
    int demand(Step step);

    /** Units to start with: the demand at the kind's target, roughly. */
    int initialCapacity(Step step);

    /** The samples of one step, from the serving units. */
    List<MetricSample> samples(Step step, List<String> ready);

    /** Share of the load served by {@code ready} units, 0..1. */
    double servedShare(Step step, int ready);

    /** Busy share of the serving units, for the view (may exceed 1 when overloaded). */
    double utilization(Step step, int ready);

    /**
     * One moment of the simulation for this service's region.
     *
     * @param load the region's request rate, requests per second
     * @param computeReady the region's serving compute instances (the workers a pool serves)
     */
    record Step(Instant at, double load, int computeReady) {}
}
