package io.waddle.autoscaler.influx;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * One InfluxDB point as the job carries it between operators: a plain value with typed fields that
 * Flink serializes without Kryo (an influxdb-java {@link Point} is not one).
 *
 * <p>The line protocol ends a point at a newline, and the client escapes spaces, commas and '=' but
 * not control characters. The parser already refuses such names; here, as a second line of defence,
 * every control character in a measurement, key, tag value or string field becomes '_', so no input
 * can write a second point.
 *
 * @param timeMillis the point's time, in milliseconds
 * @param integers integer fields
 * @param floats float fields
 * @param strings string fields
 */
public record InfluxRow(
        String measurement,
        long timeMillis,
        Map<String, String> tags,
        Map<String, Long> integers,
        Map<String, Double> floats,
        Map<String, String> strings)
        implements Serializable {

    public InfluxRow {
        measurement = printable(measurement);
        tags = printableEntries(tags);
        integers = printableKeys(integers);
        floats = printableKeys(floats);
        strings = printableEntries(strings);
        if (integers.isEmpty() && floats.isEmpty() && strings.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field");
        }
    }

    static String printable(String s) {
        if (s.chars().noneMatch(Character::isISOControl)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '_' : c));
        return b.toString();
    }

    private static <V> Map<String, V> printableKeys(Map<String, V> m) {
        Map<String, V> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(printable(k), v));
        return out;
    }

    private static Map<String, String> printableEntries(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(printable(k), v != null ? printable(v) : null));
        return out;
    }

    public Point toPoint() {
        Point.Builder p =
                Point.measurement(measurement).time(timeMillis, TimeUnit.MILLISECONDS).tag(tags);
        integers.forEach(p::addField);
        floats.forEach(p::addField);
        strings.forEach(p::addField);
        return p.build();
    }
}
