package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.ingest.ServiceAdmission;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.windows.WindowAccumulator;
import io.waddle.autoscaler.core.windows.WindowPanes;
import io.waddle.autoscaler.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The sliding event-time windows per service and region, on panes ({@link WindowPanes}): a sample
 * is one read-modify-write of its pane, not one per window it belongs to; a window is its panes
 * merged when the watermark passes its end. The windows, their timestamps (end minus 1 ms) and what
 * is late are those of Flink's sliding event-time windows with no allowed lateness.
 *
 * <p>State per key: the panes of the windows still open (size / slide of them, plus one while a
 * sample for the next pane is in), and one event-time timer per open window end. Nothing is left
 * once the last window of a key has fired.
 *
 * <p>A pane takes at most {@code maxInstances} distinct instance ids: a sample from one more is a
 * dead letter (TOO_MANY_INSTANCES), while the instances already in keep reporting. A flood of fake
 * ids thus bounds the state of its key and the capacity a scaler without state infers from the
 * instances reporting.
 *
 * <p>Each instance of the operator tracks at most {@code maxServices} services ({@link
 * ServiceAdmission}): the first sample of a pane from a service past the bound is a dead letter
 * (TOO_MANY_SERVICES) unless the service already has window state. A service silent for the idle
 * retention frees its place.
 */
public final class SlidingWindowFunction
        extends KeyedProcessFunction<String, MetricSample, WindowedMetrics> {
    private static final long serialVersionUID = 1L;

    private final Duration size;
    private final Duration slide;
    private final OutputTag<MetricSample> late;
    private final OutputTag<DeadLetter> refused;
    private final int maxInstances;
    private final int maxServices;
    private final Duration idleRetention;

    private transient WindowPanes panes;
    private transient ServiceAdmission services;
    private transient MapState<Long, WindowAccumulator> open;

    /**
     * @param late samples after their windows closed
     * @param refused dead letters of samples over the instance or service bound
     * @param maxServices services this instance tracks at most ({@link ServiceAdmission})
     * @param idleRetention after which a silent service frees its place
     */
    public SlidingWindowFunction(
            Duration size,
            Duration slide,
            OutputTag<MetricSample> late,
            OutputTag<DeadLetter> refused,
            int maxInstances,
            int maxServices,
            Duration idleRetention) {
        this.size = size;
        this.slide = slide;
        this.late = late;
        this.refused = refused;
        this.maxInstances = maxInstances;
        this.maxServices = maxServices;
        this.idleRetention = idleRetention;
        new WindowPanes(size, slide); // fails at job build time on a slide that does not divide
        if (maxInstances < 1) {
            throw new IllegalArgumentException(
                    "autoscaler.metrics.max-instances must be >= 1: " + maxInstances);
        }
        new ServiceAdmission(maxServices, idleRetention.toMillis()); // and on a bad bound
    }

    @Override
    public void open(OpenContext openContext) {
        panes = new WindowPanes(size, slide);
        services = new ServiceAdmission(maxServices, idleRetention.toMillis());
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "panes",
                                        Types.LONG,
                                        TypeInformation.of(WindowAccumulator.class)));
    }

    @Override
    public void processElement(MetricSample s, Context ctx, Collector<WindowedMetrics> out)
            throws Exception {
        long t = ctx.timestamp() != null ? ctx.timestamp() : s.timestamp().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (panes.isLate(t, watermark)) {
            ctx.output(late, s);
            return;
        }
        long pane = panes.paneOf(t);
        WindowAccumulator acc = open.get(pane);
        if (acc == null) {
            // A new pane: the one time in a slide the service's place is looked at.
            if (!services.admit(ctx.getCurrentKey(), t, watermark)) {
                if (open.isEmpty()) {
                    ctx.output(refused, overServiceLimit(s));
                    return;
                }
                services.keep(ctx.getCurrentKey(), t);
            }
            acc = new WindowAccumulator();
            // The first sample of a pane opens the windows that hold it and have not closed.
            for (long end : panes.windowEnds(pane)) {
                if (!panes.isClosed(end, watermark)) {
                    ctx.timerService().registerEventTimeTimer(end - 1);
                }
            }
        } else if (acc.instances >= maxInstances && acc.isNewInstance(s)) {
            ctx.output(refused, overLimit(s));
            return;
        }
        open.put(pane, acc.add(s));
    }

    private DeadLetter overLimit(MetricSample s) {
        return DeadLetter.of(
                RejectReason.TOO_MANY_INSTANCES.name(),
                "instance '"
                        + s.instanceId()
                        + "' is one more than the "
                        + maxInstances
                        + " instances "
                        + s.serviceRegionKey()
                        + " may report from in one slide (autoscaler.metrics.max-instances)",
                Json.sampleToJson(s),
                s.serviceRegionKey() + "/" + s.instanceId(),
                s.timestamp());
    }

    private DeadLetter overServiceLimit(MetricSample s) {
        return DeadLetter.of(
                RejectReason.TOO_MANY_SERVICES.name(),
                "service '"
                        + s.serviceRegionKey()
                        + "' is one more than the "
                        + maxServices
                        + " services tracked, none silent for "
                        + idleRetention
                        + " (autoscaler.metrics.max-services)",
                Json.sampleToJson(s),
                s.serviceRegionKey() + "/" + s.instanceId(),
                s.timestamp());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowedMetrics> out)
            throws Exception {
        long end = timestamp + 1;
        long start = panes.windowStart(end);
        List<WindowAccumulator> inWindow = new ArrayList<>(panes.panesPerWindow());
        for (long p = start; p < end; p += panes.slideMs()) {
            WindowAccumulator acc = open.get(p);
            if (acc != null) {
                inWindow.add(acc);
            }
        }
        // The oldest pane is in no later window.
        open.remove(start);
        if (!inWindow.isEmpty()) {
            out.collect(
                    WindowPanes.combine(inWindow)
                            .result(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
        }
    }
}
