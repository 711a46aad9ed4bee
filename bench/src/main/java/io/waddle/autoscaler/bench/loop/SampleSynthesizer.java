package io.waddle.autoscaler.bench.loop;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metric samples the simulated service's serving instances send at one step: one per instance,
 * all alike (load is spread evenly), no noise. Instance ids are {@code i-0 .. i-(n-1)}: the
 * platform removes its newest instances first, so the serving set is always such a prefix. Both
 * engines of the benchmark feed the job's logic with exactly these samples.
 */
public final class SampleSynthesizer {
    public static final String SERVICE = "bench-service";
    public static final String REGION = "bench";

    private SampleSynthesizer() {}

    public static List<MetricSample> samples(Observation o) {
        List<MetricSample> out = new ArrayList<>(o.ready());
        if (o.ready() == 0) {
            return out;
        }
        Map<String, Double> gauges =
                Map.of(
                        Gauges.CPU,
                        100 * o.utilization(),
                        Gauges.REQUESTS_PER_SECOND,
                        o.requestRate() / o.ready(),
                        Gauges.RESPONSE_TIME_MS,
                        Math.min(o.responseTimeMs(), 3_600_000.0));
        for (int i = 0; i < o.ready(); i++) {
            out.add(
                    new MetricSample(
                            MetricSample.SCHEMA_VERSION,
                            SERVICE,
                            REGION,
                            ServiceKind.COMPUTE,
                            "i-" + i,
                            o.now(),
                            gauges));
        }
        return out;
    }
}
