package io.waddle.autoscaler.bench.loop;

/**
 * An autoscaler in the elasticity benchmark. The engine calls {@link #decide} at every step; the
 * autoscaler keeps its own clock for its sync or polling period.
 */
public interface BenchAutoscaler {

    /** The name on the command line and in the tables. */
    String name();

    /**
     * @return the capacity (serving plus starting) the service should have now; the engine clamps
     *     it to the benchmark's bounds and applies it if it differs from {@link
     *     Observation#desired()}
     */
    int decide(Observation observation);

    /**
     * The request rate of the time before the run, for autoscalers that learn from history (a real
     * deployment has these metrics). Called once before the first step.
     */
    default void warmUp(LoadHistory history) {}
}
