package io.waddle.autoscaler.bench.loop;

import io.waddle.autoscaler.sim.Trace;
import java.time.Instant;

/** The trace before the run's start, and only that: the past an autoscaler may learn from. */
public final class LoadHistory {
    private final Trace trace;
    private final Instant runStart;

    public LoadHistory(Trace trace, Instant runStart) {
        this.trace = trace;
        this.runStart = runStart;
    }

    /** The earliest time with data. */
    public Instant earliest() {
        return trace.start();
    }

    public Instant runStart() {
        return runStart;
    }

    /** Requests per second at {@code t}, which must be before the run's start. */
    public double requestRate(Instant t) {
        if (!t.isBefore(runStart)) {
            throw new IllegalArgumentException("history ends at " + runStart + "; asked for " + t);
        }
        return trace.ratePerSecond(t);
    }
}
