package io.waddle.autoscaler.core.scaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of the last N windows and its least-squares slope: how fast load is changing. Immutable;
 * {@link #add} returns the next trend.
 */
public record LoadTrend(List<Point> points) {

    /** Load at one window end. */
    public record Point(Instant at, double load) {}

    public LoadTrend {
        points = List.copyOf(points);
    }

    public static LoadTrend empty() {
        return new LoadTrend(List.of());
    }

    /**
     * Appends a point and keeps the newest {@code capacity}. Ignores a point older than the last.
     */
    public LoadTrend add(Instant at, double load, int capacity) {
        if (!points.isEmpty() && !at.isAfter(points.get(points.size() - 1).at())) {
            return this;
        }
        List<Point> next = new ArrayList<>(points);
        next.add(new Point(at, load));
        while (next.size() > capacity) {
            next.remove(0);
        }
        return new LoadTrend(next);
    }

    /**
     * Least-squares slope in load units per second:
     *
     * <pre>
     * slope = sum((t - mean t) * (y - mean y)) / sum((t - mean t)^2)
     * </pre>
     *
     * 0 with fewer than two points.
     */
    public double slopePerSecond() {
        int n = points.size();
        if (n < 2) {
            return 0.0;
        }
        long origin = points.get(0).at().toEpochMilli();
        double meanT = 0;
        double meanY = 0;
        for (Point p : points) {
            meanT += (p.at().toEpochMilli() - origin) / 1000.0;
            meanY += p.load();
        }
        meanT /= n;
        meanY /= n;
        double num = 0;
        double den = 0;
        for (Point p : points) {
            double dt = (p.at().toEpochMilli() - origin) / 1000.0 - meanT;
            num += dt * (p.load() - meanY);
            den += dt * dt;
        }
        return den == 0 ? 0.0 : num / den;
    }

    /** Slope relative to the mean load, per minute: 0.1 means +10 % of the load per minute. */
    public double relativeSlopePerMinute() {
        double mean = points.stream().mapToDouble(Point::load).average().orElse(0);
        return mean <= 0 ? 0.0 : slopePerSecond() * 60.0 / mean;
    }
}
