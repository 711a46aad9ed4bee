package io.waddle.autoscaler.influx;

import io.waddle.autoscaler.model.Alert;
import io.waddle.autoscaler.model.ScalingEvent;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * How the event log is laid out in InfluxDB. Tags are what one filters and groups by, with few
 * values each; fields are the values.
 *
 * <pre>
 * measurement        tags                                              fields
 * scaling_decisions  service, region, kind, outcome, action, reason     from, to, recommended (int), detail, policy_id, command_id (string)
 * alerts             service, region, condition, severity, status      title, message, suggested_action, alert_id (string)
 * </pre>
 *
 * Times are the decision's event time (its window's end) and the alert's time, in milliseconds.
 */
public final class InfluxPoints {
    public static final String DECISIONS = "scaling_decisions";
    public static final String ALERTS = "alerts";

    private InfluxPoints() {}

    public static Point of(ScalingEvent e) {
        Point.Builder p =
                Point.measurement(DECISIONS)
                        .time(e.decidedAt().toEpochMilli(), TimeUnit.MILLISECONDS)
                        .tag("service", e.service())
                        .tag("region", e.region())
                        .tag("kind", e.kind())
                        .tag("outcome", e.outcome())
                        .tag("action", e.action())
                        .tag("reason", e.reason())
                        .addField("from", e.from())
                        .addField("to", e.to())
                        .addField("recommended", e.recommended())
                        .addField("detail", e.detail())
                        .addField("policy_id", e.policyId());
        if (e.commandId() != null) {
            p.addField("command_id", e.commandId());
        }
        return p.build();
    }

    public static Point of(Alert a) {
        return Point.measurement(ALERTS)
                .time(a.at().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("service", a.service())
                .tag("region", a.region())
                .tag("condition", a.condition())
                .tag("severity", a.severity())
                .tag("status", a.status())
                .addField("title", a.title())
                .addField("message", a.message())
                .addField("suggested_action", a.suggestedAction())
                .addField("alert_id", a.alertId())
                .build();
    }
}
