package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.json.Json;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns samples that arrived after their windows closed into dead letters (reason LATE), counted in
 * {@code samplesLate}, so that no valid sample disappears without a trace.
 */
public final class LateSampleRouter extends ProcessFunction<MetricSample, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("samplesLate");
    }

    @Override
    public void processElement(MetricSample sample, Context ctx, Collector<DeadLetter> out) {
        late.inc();
        long watermark = ctx.timerService().currentWatermark();
        out.collect(
                DeadLetter.of(
                        RejectReason.LATE.name(),
                        "sample at "
                                + sample.timestamp()
                                + " arrived after its windows closed (watermark "
                                + Instant.ofEpochMilli(watermark)
                                + ")",
                        Json.sampleToJson(sample),
                        sample.serviceRegionKey() + "/" + sample.instanceId(),
                        sample.timestamp()));
    }
}
