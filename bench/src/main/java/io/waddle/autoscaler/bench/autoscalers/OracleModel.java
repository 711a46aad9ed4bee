package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToIntFunction;

/**
 * Perfect foresight: at every step it asks for the demand one provisioning delay (and one step)
 * ahead, never less than the demand now, and drops capacity the moment demand drops. The physical
 * limit of any autoscaler on this platform. It alone reads the future.
 */
public final class OracleModel implements BenchAutoscaler {
    private final ToIntFunction<Instant> demand;
    private final Duration provisioningDelay;
    private final Duration step;

    public OracleModel(ToIntFunction<Instant> demand, Duration provisioningDelay, Duration step) {
        this.demand = demand;
        this.provisioningDelay = provisioningDelay;
        this.step = step;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public int decide(Observation o) {
        Instant now = o.now();
        int needed = demand.applyAsInt(now);
        // Instances asked for now serve from now + delay; ask for what will be needed by then.
        for (Instant t = now.plus(step);
                !t.isAfter(now.plus(provisioningDelay).plus(step));
                t = t.plus(step)) {
            needed = Math.max(needed, demand.applyAsInt(t));
        }
        return Math.max(1, needed);
    }
}
