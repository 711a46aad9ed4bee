package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.core.model.MetricSample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends valid samples on and refused ones to the dead-letter side output, counting both in the
 * Flink metrics {@code samplesAccepted} and {@code samplesDeadLettered}.
 */
public final class IngestRouter extends ProcessFunction<IngestRecord, MetricSample> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter accepted;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().counter("samplesAccepted");
        deadLettered = getRuntimeContext().getMetricGroup().counter("samplesDeadLettered");
    }

    @Override
    public void processElement(IngestRecord record, Context ctx, Collector<MetricSample> out) {
        if (record.isValid()) {
            accepted.inc();
            out.collect(record.sample());
        } else {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, record.deadLetter());
        }
    }
}
