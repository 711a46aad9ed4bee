package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds metric samples for tests: {@code SampleBuilder.compute("chat-api", "eu").cpu(90).at(T)}.
 */
public final class SampleBuilder {
    private final String service;
    private final String region;
    private final ServiceKind kind;
    private String instance = "i-0";
    private Instant at = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<String, Double> gauges = new LinkedHashMap<>();

    private SampleBuilder(String service, String region, ServiceKind kind) {
        this.service = service;
        this.region = region;
        this.kind = kind;
    }

    public static SampleBuilder compute(String service, String region) {
        return new SampleBuilder(service, region, ServiceKind.COMPUTE);
    }

    public static SampleBuilder of(String service, String region, ServiceKind kind) {
        return new SampleBuilder(service, region, kind);
    }

    public SampleBuilder instance(String id) {
        this.instance = id;
        return this;
    }

    public SampleBuilder at(Instant t) {
        this.at = t;
        return this;
    }

    public SampleBuilder gauge(String name, double value) {
        gauges.put(name, value);
        return this;
    }

    public SampleBuilder cpu(double percent) {
        return gauge("cpu", percent);
    }

    public SampleBuilder memory(double percent) {
        return gauge("memory", percent);
    }

    public SampleBuilder rps(double value) {
        return gauge("requests_per_second", value);
    }

    public MetricSample build() {
        return new MetricSample(
                MetricSample.SCHEMA_VERSION, service, region, kind, instance, at, gauges);
    }

    public String json() {
        return Json.sampleToJson(build());
    }

    /**
     * chat-api in eu-west as a fleet: one sample every 5 s from each of {@code instances} instances
     * (i-0, i-1, ...) at {@code cpu} % CPU and 40 % memory, over [from, to) seconds after {@code
     * start}; as JSON, in time order.
     */
    public static List<String> fleet(
            Instant start, int fromSecond, int toSecond, int instances, double cpu) {
        List<String> out = new ArrayList<>();
        for (int t = fromSecond; t < toSecond; t += 5) {
            for (int i = 0; i < instances; i++) {
                out.add(
                        compute("chat-api", "eu-west")
                                .instance("i-" + i)
                                .at(start.plusSeconds(t))
                                .cpu(cpu)
                                .memory(40)
                                .json());
            }
        }
        return out;
    }
}
