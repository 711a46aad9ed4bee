package io.waddle.autoscaler.core.model;

/**
 * What a decision saw, as carried on its event: the window's utilization and load, and the trend.
 * Gauges nobody reported are null.
 *
 * @param loadSlopePerSecond least-squares slope of the request rate over the last windows, requests
 *     per second per second
 */
public record ObservedWindow(
        int instances,
        Double cpuMean,
        Double cpuMax,
        Double memoryMean,
        Double memoryMax,
        double requestsPerSecond,
        Double responseTimeMs,
        double loadSlopePerSecond) {

    public static ObservedWindow of(WindowedMetrics w, double loadSlopePerSecond) {
        return new ObservedWindow(
                w.instances(),
                orNull(w.mean(Gauges.CPU)),
                orNull(w.max(Gauges.CPU)),
                orNull(w.mean(Gauges.MEMORY)),
                orNull(w.max(Gauges.MEMORY)),
                w.total(Gauges.REQUESTS_PER_SECOND),
                orNull(w.mean(Gauges.RESPONSE_TIME_MS)),
                loadSlopePerSecond);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
