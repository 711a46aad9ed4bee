package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;

/** Always the run's peak demand: never short, never scaling. The cost ceiling. */
public final class StaticPeakModel implements BenchAutoscaler {
    private final int peak;

    public StaticPeakModel(int peak) {
        this.peak = peak;
    }

    @Override
    public String name() {
        return "static-peak";
    }

    @Override
    public int decide(Observation o) {
        return peak;
    }
}
