package io.waddle.autoscaler.core.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.ServiceRegion;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates one metric sample. Everything a sample may not be is checked here, so the
 * rest of the pipeline can trust its input: required fields present, names well-formed, the kind
 * known, every gauge a finite number inside its range, the timestamp not in the future.
 */
public final class MetricParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Gauge names: letters, digits, '_', '.', '-', at most 64. They become InfluxDB field keys and
     * SQL columns, so no separator, quote, space or control character gets through.
     */
    private static final Pattern GAUGE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    /** The most gauges one sample may carry: every known gauge is 16. */
    public static final int MAX_GAUGES = 64;

    private static final int MAX_INSTANCE_ID_LENGTH = 253;
    private static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59Z");

    // NaN and Infinity literals are read, so that they get their own clear reason.
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private final Duration maxFutureSkew;

    /**
     * @param maxFutureSkew how far a sample's timestamp may be ahead of the time it was received; a
     *     sample from further in the future would drag the watermark forward and make everyone
     *     else's samples late. At most the out-of-orderness bound, so a sample that passes moves
     *     the watermark no further than the samples on time would.
     */
    public MetricParser(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * @param receivedAt when the record was received, by a clock its producer does not set (the
     *     broker's append time or the job's clock), or null if unknown
     */
    public MetricSample parse(String payload, Instant receivedAt) throws InvalidSampleException {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new InvalidSampleException(
                    RejectReason.INVALID_JSON, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSampleException(RejectReason.INVALID_JSON, "not a JSON object");
        }
        int version = schemaVersion(root);
        String service = name(root, "service");
        String region = name(root, "region");
        ServiceKind kind = kind(root);
        String instanceId = instanceId(root);
        Instant timestamp = timestamp(root, receivedAt);
        Map<String, Double> gauges = gauges(root);
        return new MetricSample(version, service, region, kind, instanceId, timestamp, gauges);
    }

    private static int schemaVersion(JsonNode root) throws InvalidSampleException {
        JsonNode v = required(root, "schema_version");
        if (!v.canConvertToExactIntegral() || v.asInt() != MetricSample.SCHEMA_VERSION) {
            throw new InvalidSampleException(
                    RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schema_version "
                            + v
                            + " is not supported; expected "
                            + MetricSample.SCHEMA_VERSION);
        }
        return MetricSample.SCHEMA_VERSION;
    }

    private static String name(JsonNode root, String field) throws InvalidSampleException {
        JsonNode v = required(root, field);
        if (!v.isTextual() || !ServiceRegion.isName(v.asText())) {
            throw new InvalidSampleException(
                    RejectReason.INVALID_FIELD,
                    field
                            + " must be 1-128 characters of letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit; got "
                            + abbreviate(v.toString()));
        }
        return v.asText();
    }

    private static ServiceKind kind(JsonNode root) throws InvalidSampleException {
        JsonNode v = required(root, "kind");
        if (!v.isTextual()) {
            throw new InvalidSampleException(RejectReason.INVALID_FIELD, "kind must be a string");
        }
        return ServiceKind.fromWireName(v.asText())
                .orElseThrow(
                        () ->
                                new InvalidSampleException(
                                        RejectReason.UNKNOWN_SERVICE_KIND,
                                        "kind '"
                                                + abbreviate(v.asText())
                                                + "' is not one of compute, webrtc, database,"
                                                + " cache"));
    }

    private static String instanceId(JsonNode root) throws InvalidSampleException {
        JsonNode v = required(root, "instance_id");
        String id = v.isTextual() ? v.asText() : "";
        if (id.isBlank()
                || id.length() > MAX_INSTANCE_ID_LENGTH
                || id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSampleException(
                    RejectReason.INVALID_FIELD,
                    "instance_id must be a non-blank string of at most "
                            + MAX_INSTANCE_ID_LENGTH
                            + " printable characters");
        }
        return id;
    }

    private Instant timestamp(JsonNode root, Instant receivedAt) throws InvalidSampleException {
        JsonNode v = required(root, "timestamp");
        Instant ts;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong() || v.asLong() < 0) {
                throw new InvalidSampleException(
                        RejectReason.INVALID_FIELD,
                        "timestamp must be epoch milliseconds >= 0; got " + v);
            }
            ts = Instant.ofEpochMilli(v.asLong());
        } else if (v.isTextual()) {
            try {
                ts = OffsetDateTime.parse(v.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidSampleException(
                        RejectReason.INVALID_FIELD,
                        "timestamp must be ISO-8601 with an offset (2026-06-25T15:58:00Z) or epoch"
                                + " milliseconds; got "
                                + abbreviate(v.asText()));
            }
        } else {
            throw new InvalidSampleException(
                    RejectReason.INVALID_FIELD, "timestamp must be a string or a number; got " + v);
        }
        if (ts.isBefore(Instant.EPOCH) || ts.isAfter(LATEST_TIMESTAMP)) {
            throw new InvalidSampleException(
                    RejectReason.OUT_OF_RANGE, "timestamp " + ts + " is out of range");
        }
        if (receivedAt != null && ts.isAfter(receivedAt.plus(maxFutureSkew))) {
            throw new InvalidSampleException(
                    RejectReason.TIMESTAMP_IN_FUTURE,
                    "timestamp "
                            + ts
                            + " is more than "
                            + maxFutureSkew.toSeconds()
                            + "s after the record was received ("
                            + receivedAt
                            + ")");
        }
        return ts;
    }

    private static Map<String, Double> gauges(JsonNode root) throws InvalidSampleException {
        JsonNode g = required(root, "gauges");
        if (!g.isObject()) {
            throw new InvalidSampleException(
                    RejectReason.INVALID_FIELD, "gauges must be a JSON object");
        }
        if (g.isEmpty()) {
            throw new InvalidSampleException(RejectReason.MISSING_FIELD, "gauges is empty");
        }
        if (g.size() > MAX_GAUGES) {
            throw new InvalidSampleException(
                    RejectReason.TOO_LARGE,
                    "gauges has " + g.size() + " entries, more than " + MAX_GAUGES);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!GAUGE_NAME.matcher(e.getKey()).matches()) {
                throw new InvalidSampleException(
                        RejectReason.INVALID_FIELD,
                        "gauge name "
                                + printable(e.getKey())
                                + " must be 1-64 letters, digits, '_', '.' or '-'");
            }
            out.put(e.getKey(), gauge(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static double gauge(String name, JsonNode v) throws InvalidSampleException {
        if (!v.isNumber()) {
            throw new InvalidSampleException(
                    RejectReason.NOT_A_NUMBER,
                    "gauge '" + name + "' must be a number; got " + abbreviate(v.toString()));
        }
        double value = v.asDouble();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new InvalidSampleException(
                    RejectReason.NOT_A_NUMBER,
                    "gauge '" + name + "' is " + value + ", not a finite number");
        }
        Gauges.Range range = Gauges.rangeOf(name).orElse(null);
        if (range == null) {
            if (Math.abs(value) > Gauges.UNKNOWN_GAUGE_LIMIT) {
                throw new InvalidSampleException(
                        RejectReason.OUT_OF_RANGE,
                        "gauge '"
                                + name
                                + "' = "
                                + value
                                + " exceeds "
                                + Gauges.UNKNOWN_GAUGE_LIMIT
                                + " in magnitude");
            }
            return value;
        }
        if (value < 0) {
            throw new InvalidSampleException(
                    RejectReason.NEGATIVE_VALUE,
                    "gauge '" + name + "' = " + value + " is negative");
        }
        if (!range.contains(value)) {
            throw new InvalidSampleException(
                    RejectReason.OUT_OF_RANGE,
                    "gauge '"
                            + name
                            + "' = "
                            + value
                            + " is outside ["
                            + range.min()
                            + ", "
                            + range.max()
                            + "] "
                            + range.unit());
        }
        return value;
    }

    private static JsonNode required(JsonNode root, String field) throws InvalidSampleException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidSampleException(
                    RejectReason.MISSING_FIELD, "missing field '" + field + "'");
        }
        return v;
    }

    /** {@code s} quoted, control characters as '?', cut to 80 characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        s.codePoints()
                .limit(80)
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append(s.length() > 80 ? "...'" : "'").toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }
}
