package io.waddle.autoscaler.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.waddle.autoscaler.core.model.MetricSample;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire format of every message the job writes: JSON, snake_case field names, ISO-8601
 * timestamps. One mapper, so that all topics agree.
 */
public final class Json {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    // Only record components are fields: a helper like issuesCommand() or
                    // isApplied() must not become "sues_command" or "applied" on the wire.
                    .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                    .build();

    private Json() {}

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a message this job wrote (commands, events, dead letters), e.g. in consumers and tests.
     */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
        }
    }

    public static <T> T fromString(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
        }
    }

    /** A sample in its wire format (the format the metrics topic carries and the parser reads). */
    public static String sampleToJson(MetricSample sample) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema_version", sample.schemaVersion());
        node.put("service", sample.service());
        node.put("region", sample.region());
        node.put("kind", sample.kind().wireName());
        node.put("instance_id", sample.instanceId());
        node.put("timestamp", sample.timestamp().toString());
        ObjectNode gauges = node.putObject("gauges");
        sample.gauges().forEach(gauges::put);
        return node.toString();
    }
}
