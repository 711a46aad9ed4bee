package io.waddle.autoscaler.influx;

import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.util.HashMap;
import java.util.Map;

/**
 * How the job's record is laid out in InfluxDB. Tags are what one filters and groups by, with few
 * values each; fields are the values.
 *
 * <pre>
 * measurement        tags                                              fields
 * scaling_decisions  service, region, kind, outcome, action, reason     from, to, recommended (int), detail, policy_id, command_id (string)
 * alerts             service, region, condition, severity, status      firing (1 firing, 0 resolved), title, message, suggested_action, alert_id (string)
 * utilization        service, region, kind                             instances (int); per gauge g: g (mean over instances), g_max, g_total (float)
 * </pre>
 *
 * Times: a decision's event time (its window's end), an alert's time, a window's end; in
 * milliseconds.
 */
public final class InfluxPoints {
    public static final String DECISIONS = "scaling_decisions";
    public static final String ALERTS = "alerts";
    public static final String UTILIZATION = "utilization";

    private InfluxPoints() {}

    public static InfluxRow of(Decision e) {
        Map<String, String> strings = new HashMap<>();
        strings.put("detail", e.detail());
        strings.put("policy_id", e.policy().id());
        if (e.commandId() != null) {
            strings.put("command_id", e.commandId());
        }
        return new InfluxRow(
                DECISIONS,
                e.decidedAt().toEpochMilli(),
                Map.of(
                        "service", e.service(),
                        "region", e.region(),
                        "kind", e.kind().wireName(),
                        "outcome", e.outcome().name(),
                        "action", e.action().wireName(),
                        "reason", e.reason().name()),
                Map.of(
                        "from", (long) e.from(),
                        "to", (long) e.to(),
                        "recommended", (long) e.recommended()),
                Map.of(),
                strings);
    }

    public static InfluxRow of(Alert a) {
        return new InfluxRow(
                ALERTS,
                a.at().toEpochMilli(),
                Map.of(
                        "service", a.service(),
                        "region", a.region(),
                        "condition", a.condition(),
                        "severity", a.severity(),
                        "status", a.status()),
                Map.of("firing", Alert.FIRING.equals(a.status()) ? 1L : 0L),
                Map.of(),
                Map.of(
                        "title", a.title(),
                        "message", a.message(),
                        "suggested_action", a.suggestedAction(),
                        "alert_id", a.alertId()));
    }

    public static InfluxRow of(WindowedMetrics w) {
        Map<String, Double> floats = new HashMap<>();
        for (Map.Entry<String, GaugeStats> g : w.gauges().entrySet()) {
            GaugeStats s = g.getValue();
            floats.put(g.getKey(), s.mean());
            floats.put(g.getKey() + "_max", s.max());
            floats.put(g.getKey() + "_total", s.sum());
        }
        return new InfluxRow(
                UTILIZATION,
                w.windowEnd().toEpochMilli(),
                Map.of(
                        "service", w.service(),
                        "region", w.region(),
                        "kind", w.kind().name().toLowerCase(java.util.Locale.ROOT)),
                Map.of("instances", (long) w.instances()),
                floats,
                Map.of());
    }
}
