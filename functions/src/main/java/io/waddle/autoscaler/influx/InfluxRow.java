package io.waddle.autoscaler.influx;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * One InfluxDB point as the job carries it between operators: a plain serializable value (an
 * influxdb-java {@link Point} is not one).
 *
 * @param timeMillis the point's time, in milliseconds
 * @param fields numbers (Long, Double) or strings
 */
public record InfluxRow(
        String measurement, long timeMillis, Map<String, String> tags, Map<String, Object> fields)
        implements Serializable {

    public InfluxRow {
        tags = new TreeMap<>(tags);
        fields = new TreeMap<>(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field");
        }
    }

    public Point toPoint() {
        Point.Builder p =
                Point.measurement(measurement).time(timeMillis, TimeUnit.MILLISECONDS).tag(tags);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            Object v = f.getValue();
            if (v instanceof Number n) {
                p.addField(f.getKey(), n);
            } else {
                p.addField(f.getKey(), String.valueOf(v));
            }
        }
        return p.build();
    }
}
