package io.waddle.autoscaler.bench.loop;

import java.time.Instant;

/**
 * What an autoscaler sees of the simulated service at one step: per-interval metrics, as a real one
 * would read them, and never the future.
 *
 * @param ready instances serving
 * @param starting instances asked for, not serving yet
 * @param utilization busy share of the serving instances, 0..1 (saturates at 1: an overloaded
 *     instance is simply 100 % busy)
 * @param requestRate offered load, requests per second (what a load balancer counts)
 * @param servedRate requests per second actually served: min(load, ready x capacity)
 * @param responseTimeMs mean response time from an M/M/1 model of one instance
 */
public record Observation(
        Instant now,
        int ready,
        int starting,
        double utilization,
        double requestRate,
        double servedRate,
        double responseTimeMs) {

    /** Capacity asked for: serving plus starting. */
    public int desired() {
        return ready + starting;
    }
}
