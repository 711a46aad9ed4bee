package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.bench.loop.SampleSynthesizer;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Waddle as the Flink job runs it, without Flink ({@link DirectPipeline}): each step's samples go
 * into the job's sliding windows, a window is decided once event time passes its end, and each
 * window's decision is a round of the coordinator. The benchmark applies a command within its step
 * and reports the result at once, as the Flink engine does to the real job. The {@code --engine
 * flink} run of the real job must make the same decisions.
 */
public final class WaddleJobModel implements BenchAutoscaler {
    private final String name;
    private final DirectPipeline pipeline;
    private final List<ScalingEvent> events = new ArrayList<>();

    /**
     * @param conf the job's options
     */
    public WaddleJobModel(String name, ReadableConfig conf) {
        this.name = name;
        this.pipeline = new DirectPipeline(conf);
    }

    @Override
    public String name() {
        return name;
    }

    /** Every decision so far, as the events topic would hold them. */
    public List<ScalingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public int decide(Observation o) {
        int[] capacity = {o.desired()};
        // This step's samples carry timestamp `now`: the watermark reaches now - 1 and fires every
        // window that ends by then; each is one round of the coordinator.
        List<Decision> out =
                pipeline.advanceTo(
                        o.now(),
                        c -> {
                            capacity[0] = c.to();
                            return ActuationResult.applied(c, o.now());
                        });
        for (Decision d : out) {
            events.add(ScalingEvent.of(d));
        }
        for (MetricSample s : SampleSynthesizer.samples(o)) {
            pipeline.add(s);
        }
        return capacity[0];
    }
}
