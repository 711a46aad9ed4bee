package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.windows.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental aggregation of a window's samples; see {@link WindowAccumulator}. */
public final class WindowAggregate
        implements AggregateFunction<MetricSample, WindowAccumulator, WindowAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(MetricSample sample, WindowAccumulator acc) {
        return acc.add(sample);
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
        return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        return a.merge(b);
    }
}
