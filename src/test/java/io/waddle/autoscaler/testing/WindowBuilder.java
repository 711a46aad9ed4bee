package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a window's statistics for scaler tests: {@code WindowBuilder.endingAt(T).instances(10)
 * .cpu(91.0).build()} means 10 instances reporting, all with a mean CPU of 91 %.
 */
public final class WindowBuilder {
    private final Instant end;
    private int instances = 10;
    private String service = "chat-api";
    private ServiceKind kind = ServiceKind.COMPUTE;
    private final Map<String, GaugeStats> gauges = new HashMap<>();

    private WindowBuilder(Instant end) {
        this.end = end;
    }

    public static WindowBuilder endingAt(Instant end) {
        return new WindowBuilder(end);
    }

    /** Another service than chat-api/eu-west compute. */
    public WindowBuilder service(String name) {
        this.service = name;
        return this;
    }

    public WindowBuilder kind(ServiceKind k) {
        this.kind = k;
        return this;
    }

    /** Instances reporting anything in the window. */
    public WindowBuilder instances(int n) {
        this.instances = n;
        return this;
    }

    /** Every reporting instance reports {@code value} for {@code gauge}. */
    public WindowBuilder gauge(String gauge, double value) {
        return gaugeFrom(gauge, value, instances);
    }

    /** Only {@code reporters} of the instances report {@code gauge}, each at {@code value}. */
    public WindowBuilder gaugeFrom(String gauge, double value, int reporters) {
        gauges.put(gauge, new GaugeStats(reporters, value * reporters, value));
        return this;
    }

    public WindowBuilder cpu(double percent) {
        return gauge("cpu", percent);
    }

    public WindowBuilder memory(double percent) {
        return gauge("memory", percent);
    }

    /** Each instance serves {@code perInstance} requests per second. */
    public WindowBuilder rpsPerInstance(double perInstance) {
        return gauge("requests_per_second", perInstance);
    }

    public WindowedMetrics build() {
        return new WindowedMetrics(
                service,
                "eu-west",
                kind,
                end.minus(Duration.ofSeconds(60)),
                end,
                instances,
                gauges);
    }
}
