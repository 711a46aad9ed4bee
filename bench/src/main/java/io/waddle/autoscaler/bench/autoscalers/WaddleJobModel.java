package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.DecisionEngine;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.FlinkPipeline;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.bench.loop.SampleSynthesizer;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.ScalingEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Waddle on the compute benchmark: each step's samples go to a {@link DecisionEngine} (the job's
 * core called directly, {@link DirectPipeline}, or the real job, {@link FlinkPipeline}); a window
 * is decided once event time passes its end and each window's decision is a round of the
 * coordinator. The benchmark applies a command within its step and reports the result at once.
 */
public final class WaddleJobModel implements BenchAutoscaler, AutoCloseable {
    private final String name;
    private final DecisionEngine engine;
    private final List<ScalingEvent> events = new ArrayList<>();

    public WaddleJobModel(String name, DecisionEngine engine) {
        this.name = name;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    /** Every decision so far, as the events topic holds them. */
    public List<ScalingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public int decide(Observation o) {
        int[] capacity = {o.desired()};
        try {
            events.addAll(
                    engine.step(
                            o.now(),
                            SampleSynthesizer.samples(o),
                            c -> {
                                capacity[0] = c.to();
                                return ActuationResult.applied(c, o.now());
                            }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return capacity[0];
    }

    @Override
    public void close() throws Exception {
        engine.close();
    }
}
