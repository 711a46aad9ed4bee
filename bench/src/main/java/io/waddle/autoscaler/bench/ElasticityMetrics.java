package io.waddle.autoscaler.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SPEC Research Group elasticity metrics and the cost and SLO figures, accumulated step by
 * step. d is demand (instances the load needs at 100 % utilization), s ready supply, Δt the step, T
 * the run's length.
 *
 * <pre>
 * thetaU      = 100/T · Σ max(d − s, 0) / max(d, 1) · Δt        under-provisioning accuracy, %
 * thetaO      = 100/T · Σ max(s − d, 0) / max(d, 1) · Δt        over-provisioning accuracy, %
 * tauU        = 100/T · Σ [s &lt; d] · Δt                         under-provisioning timeshare, %
 * tauO        = 100/T · Σ [s &gt; d] · Δt                         over-provisioning timeshare, %
 * instability = 100/(T − Δt) · Σ(t≥2) min(|sgn Δs − sgn Δd|, 1) · Δt      %
 * jitter      = (supply changes − demand changes) / T            adaptations per hour
 * </pre>
 *
 * Source: N. Herbst et al., "Ready for Rain? A View from SPEC Research on the Future of Cloud
 * Metrics", SPEC RG tech. report SPEC-RG-2016-01, section 4 (elasticity metrics), and the "elastic
 * speedup" (geometric mean of the accuracy and timeshare ratios against a baseline).
 */
public final class ElasticityMetrics {
    private double seconds;
    private double underAccuracy;
    private double overAccuracy;
    private double underTime;
    private double overTime;
    private double unstableTime;
    private int supplyChanges;
    private int demandChanges;
    private double supplySum;
    private double demandSum;
    private double billedInstanceSeconds;
    private double sloViolationSeconds;
    private double requests;
    private double unserved;
    private int scalingActions;
    private int steps;
    private int previousDemand = -1;
    private int previousSupply = -1;

    /**
     * One step.
     *
     * @param load requests per second during the step
     * @param capacityPerInstance requests per second one instance serves at 100 %
     * @param billed instances that cost money during the step (starting, serving, draining)
     */
    public void record(double dt, double load, double capacityPerInstance, int supply, int billed) {
        int demand = (int) Math.ceil(load / capacityPerInstance - 1e-9);
        double norm = Math.max(demand, 1);
        seconds += dt;
        steps++;
        underAccuracy += Math.max(demand - supply, 0) / norm * dt;
        overAccuracy += Math.max(supply - demand, 0) / norm * dt;
        if (supply < demand) {
            underTime += dt;
        } else if (supply > demand) {
            overTime += dt;
        }
        if (previousDemand >= 0) {
            int ds = Integer.signum(supply - previousSupply);
            int dd = Integer.signum(demand - previousDemand);
            unstableTime += Math.min(Math.abs(ds - dd), 1) * dt;
            supplyChanges += ds != 0 ? 1 : 0;
            demandChanges += dd != 0 ? 1 : 0;
        }
        previousDemand = demand;
        previousSupply = supply;
        supplySum += supply * dt;
        demandSum += demand * dt;
        billedInstanceSeconds += billed * dt;
        double served = Math.min(load, supply * capacityPerInstance);
        if (load > served + 1e-9) {
            sloViolationSeconds += dt;
        }
        requests += load * dt;
        unserved += (load - served) * dt;
    }

    public void countScalingAction() {
        scalingActions++;
    }

    /** The figures, under the JSON keys of {@code bench elasticity --json}. */
    public Map<String, Double> figures(double pricePerInstanceHour, double firstStepSeconds) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("thetaU", 100 * underAccuracy / seconds);
        f.put("thetaO", 100 * overAccuracy / seconds);
        f.put("tauU", 100 * underTime / seconds);
        f.put("tauO", 100 * overTime / seconds);
        f.put("instability", steps < 2 ? 0.0 : 100 * unstableTime / (seconds - firstStepSeconds));
        f.put("jitter", (supplyChanges - demandChanges) / (seconds / 3600));
        f.put("supplyDemandRatio", demandSum == 0 ? 0.0 : supplySum / demandSum);
        f.put("instanceHours", billedInstanceSeconds / 3600);
        f.put("cost", billedInstanceSeconds / 3600 * pricePerInstanceHour);
        f.put("sloViolationMinutes", sloViolationSeconds / 60);
        f.put("unservedFraction", requests == 0 ? 0.0 : unserved / requests);
        f.put("scalingActions", (double) scalingActions);
        return f;
    }

    /**
     * The elastic speedup of {@code x} against {@code baseline}: the geometric mean of baseline/x
     * over thetaU, thetaO, tauU and tauO. Above 1, x is more elastic. Each term adds {@code
     * epsilon} (0.01 percentage points) so that a perfect score does not divide by zero.
     */
    public static double elasticSpeedup(Map<String, Double> x, Map<String, Double> baseline) {
        double epsilon = 0.01;
        double product = 1;
        for (String k : new String[] {"thetaU", "thetaO", "tauU", "tauO"}) {
            product *= (baseline.get(k) + epsilon) / (x.get(k) + epsilon);
        }
        return Math.pow(product, 0.25);
    }
}
