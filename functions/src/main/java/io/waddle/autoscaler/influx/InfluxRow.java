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
        tags = new TreeMap<>(tags);
        integers = new TreeMap<>(integers);
        floats = new TreeMap<>(floats);
        strings = new TreeMap<>(strings);
        if (integers.isEmpty() && floats.isEmpty() && strings.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field");
        }
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
