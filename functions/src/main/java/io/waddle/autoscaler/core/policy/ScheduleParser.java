package io.waddle.autoscaler.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Compute;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Schedule;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code schedules} of a policy document: time windows that override the compute bounds. */
final class ScheduleParser {
    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private ScheduleParser() {}

    static List<Schedule> schedules(JsonNode node, Compute compute, PolicyParser limits)
            throws InvalidPolicyException {
        List<Schedule> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new InvalidPolicyException("schedules", "must be an array");
        }
        if (node.size() > PolicyParser.MAX_SCHEDULES) {
            throw new InvalidPolicyException(
                    "schedules", "at most " + PolicyParser.MAX_SCHEDULES + " schedules");
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "schedules[" + i + "]";
            if (!node.get(i).isObject()) {
                throw new InvalidPolicyException(path, "must be an object");
            }
            PolicyObject s = new PolicyObject(node.get(i), path);
            s.only("name", "days", "from", "to", "time_zone", "min_instances", "max_instances");
            String name = s.text("name", "schedule " + i);
            List<String> days =
                    s.textList("days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
            for (String d : days) {
                if (!DAYS.contains(d)) {
                    throw new InvalidPolicyException(
                            s.path("days"), "'" + d + "' is not one of mon..sun");
                }
            }
            String from = time(s, "from");
            String to = time(s, "to");
            String zone = s.requiredText("time_zone");
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidPolicyException(
                        s.path("time_zone"),
                        "'" + zone + "' is not a time zone (e.g. Europe/Berlin)");
            }
            Integer min =
                    s.has("min_instances")
                            ? (int) s.integer("min_instances", 0, 1, PolicyParser.INSTANCE_LIMIT)
                            : null;
            Integer max =
                    s.has("max_instances")
                            ? (int) s.integer("max_instances", 0, 1, PolicyParser.INSTANCE_LIMIT)
                            : null;
            if (min != null) {
                limits.withinHardLimit(s, "min_instances", min);
            }
            if (max != null) {
                limits.withinHardLimit(s, "max_instances", max);
            }
            if (min == null && max == null) {
                throw new InvalidPolicyException(path, "needs min_instances or max_instances");
            }
            int effectiveMax = max != null ? max : compute.maxInstances();
            int effectiveMin = min != null ? min : compute.minInstances();
            if (effectiveMin > effectiveMax) {
                throw new InvalidPolicyException(
                        s.path(min != null ? "min_instances" : "max_instances"),
                        "min "
                                + effectiveMin
                                + " would be above max "
                                + effectiveMax
                                + " while the schedule applies");
            }
            out.add(new Schedule(name, days, from, to, zone, min, max));
        }
        return out;
    }

    private static String time(PolicyObject s, String field) throws InvalidPolicyException {
        String t = s.requiredText(field);
        try {
            LocalTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidPolicyException(
                    s.path(field), "'" + t + "' is not a time of day HH:MM");
        }
        return t;
    }
}
