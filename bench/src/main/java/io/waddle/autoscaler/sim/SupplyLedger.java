package io.waddle.autoscaler.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Demand against supply of one service over a simulated run, step by step.
 *
 * <pre>
 * demand d  = ceil(load / capacity per instance)     instances needed at 100 % utilization
 * supply s  = instances serving
 * unserved  = max(0, load - s * capacity)            requests/s that found no capacity
 * </pre>
 */
public final class SupplyLedger {
    private final double capacityPerInstance;
    private final List<Integer> demand = new ArrayList<>();
    private final List<Integer> supply = new ArrayList<>();
    private double stepSeconds;
    private double requests;
    private double unserved;
    private double billedInstanceSeconds;
    private int underProvisionedSteps;
    private int scaleUps;
    private int scaleDowns;

    public SupplyLedger(double capacityPerInstance) {
        this.capacityPerInstance = capacityPerInstance;
    }

    /** A compute step: demand and what was served follow from the capacity per instance. */
    public void record(Duration step, double load, int ready, int billed) {
        int d = (int) Math.ceil(load / capacityPerInstance - 1e-9);
        record(step, load, Math.min(load, ready * capacityPerInstance), d, ready, billed);
    }

    /**
     * Any step: {@code demand} and {@code supply} in the service's own units (instances, relays,
     * pool connections, cache nodes), {@code load} and {@code served} in its load unit.
     */
    public void record(
            Duration step,
            double load,
            double served,
            int demandUnits,
            int supplyUnits,
            int billed) {
        stepSeconds = step.toMillis() / 1000.0;
        demand.add(demandUnits);
        supply.add(supplyUnits);
        requests += load * stepSeconds;
        unserved += Math.max(0, load - served) * stepSeconds;
        billedInstanceSeconds += billed * stepSeconds;
        if (supplyUnits < demandUnits) {
            underProvisionedSteps++;
        }
    }

    public void countCommand(boolean up) {
        if (up) {
            scaleUps++;
        } else {
            scaleDowns++;
        }
    }

    public int steps() {
        return demand.size();
    }

    public double meanDemand() {
        return demand.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    public double meanSupply() {
        return supply.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    public int peakDemand() {
        return demand.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public int peakSupply() {
        return supply.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public int minSupply() {
        return supply.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /** Share of time with fewer instances serving than the load needed, 0..1. */
    public double underProvisionedShare() {
        return demand.isEmpty() ? 0 : (double) underProvisionedSteps / demand.size();
    }

    /** Share of requests that found no capacity, 0..1. */
    public double unservedFraction() {
        return requests == 0 ? 0 : unserved / requests;
    }

    public double instanceHours() {
        return billedInstanceSeconds / 3600.0;
    }

    public int scaleUps() {
        return scaleUps;
    }

    public int scaleDowns() {
        return scaleDowns;
    }

    public List<Integer> demandSeries() {
        return List.copyOf(demand);
    }

    public List<Integer> supplySeries() {
        return List.copyOf(supply);
    }
}
