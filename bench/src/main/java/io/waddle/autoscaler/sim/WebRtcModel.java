package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WebRTC relays. Calls follow the request rate, with a share of the region that shifts through the
 * day (more video in the region's evening):
 *
 * <pre>
 * connections = load × connections per request/s × (1 + 0.3 sin(2π (hour + phase) / 24))
 * bandwidth   = connections × 500 kbit/s
 * relays      = ceil(max(connections / 1,000, bandwidth / 1 Gbit/s))
 * </pre>
 *
 * An overloaded relay reports packet loss and latency growing with its overload.
 */
public record WebRtcModel(
        String service, String region, double connectionsPerRequest, double phaseHours)
        implements ServiceModel {
    static final double CONNECTIONS_PER_RELAY = 1000;
    static final double BPS_PER_CONNECTION = 500_000;
    static final double BPS_PER_RELAY = 1e9;

    @Override
    public ServiceKind kind() {
        return ServiceKind.WEBRTC;
    }

    @Override
    public String unit() {
        return "relays";
    }

    double connections(Step s) {
        double hour =
                s.at().atZone(ZoneOffset.UTC).getHour()
                        + s.at().atZone(ZoneOffset.UTC).getMinute() / 60.0;
        return s.load()
                * connectionsPerRequest
                * (1 + 0.3 * Math.sin(2 * Math.PI * (hour + phaseHours) / 24));
    }

    private double need(Step s) {
        double c = connections(s);
        return Math.max(c / CONNECTIONS_PER_RELAY, c * BPS_PER_CONNECTION / BPS_PER_RELAY);
    }

    @Override
    public int demand(Step s) {
        return (int) Math.ceil(need(s) - 1e-9);
    }

    @Override
    public int initialCapacity(Step s) {
        return Math.max(1, (int) Math.ceil(need(s) * 1.2));
    }

    @Override
    public List<MetricSample> samples(Step s, List<String> ready) {
        List<MetricSample> out = new ArrayList<>(ready.size());
        if (ready.isEmpty()) {
            return out;
        }
        double c = connections(s);
        double overload = Math.max(0, utilization(s, ready.size()) - 1);
        Map<String, Double> g =
                Map.of(
                        Gauges.CONNECTIONS,
                        c / ready.size(),
                        Gauges.BANDWIDTH_BPS,
                        c * BPS_PER_CONNECTION / ready.size(),
                        Gauges.PACKET_LOSS,
                        Math.min(0.5, 0.002 + 0.1 * overload),
                        Gauges.LATENCY_MS,
                        35 * (1 + 2 * overload));
        for (String id : ready) {
            out.add(
                    new MetricSample(
                            MetricSample.SCHEMA_VERSION,
                            service,
                            region,
                            ServiceKind.WEBRTC,
                            id,
                            s.at(),
                            g));
        }
        return out;
    }

    @Override
    public double servedShare(Step s, int ready) {
        double n = need(s);
        return n == 0 ? 1 : Math.min(1, ready / n);
    }

    @Override
    public double utilization(Step s, int ready) {
        return ready == 0 ? Double.POSITIVE_INFINITY : need(s) / ready;
    }
}
