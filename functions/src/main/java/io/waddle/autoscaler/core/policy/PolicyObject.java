package io.waddle.autoscaler.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A JSON object and its path, with typed, range-checked reads. */
final class PolicyObject {
    /** The longest list of strings (rate limits, days). */
    static final int MAX_LIST = 16;

    private final JsonNode node;
    private final String path;

    PolicyObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static PolicyObject EMPTY_AT(String path) {
        return new PolicyObject(PolicyParser.MAPPER.createObjectNode(), path);
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    void only(String... fields) throws InvalidPolicyException {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InvalidPolicyException(path(f), "unknown field");
            }
        }
    }

    PolicyObject object(String field) throws InvalidPolicyException {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isObject()) {
            throw new InvalidPolicyException(path(field), "must be an object");
        }
        return new PolicyObject(v, path(field));
    }

    String text(String field, String fallback) throws InvalidPolicyException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw new InvalidPolicyException(path(field), "must be a string");
        }
        return v.asText();
    }

    String requiredText(String field) throws InvalidPolicyException {
        String t = text(field, null);
        if (t == null) {
            throw new InvalidPolicyException(path(field), "missing");
        }
        return t;
    }

    List<String> textList(String field, List<String> fallback) throws InvalidPolicyException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw new InvalidPolicyException(path(field), "must be an array of strings");
        }
        if (v.size() > MAX_LIST) {
            throw new InvalidPolicyException(path(field), "at most " + MAX_LIST + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidPolicyException(path(field), "must be an array of strings");
            }
            out.add(e.asText().trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    boolean bool(String field, boolean fallback) throws InvalidPolicyException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw new InvalidPolicyException(path(field), "must be true or false");
        }
        return v.asBoolean();
    }

    double number(String field, double fallback, double min, double max)
            throws InvalidPolicyException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isNumber()) {
            throw new InvalidPolicyException(path(field), "must be a number");
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidPolicyException(path(field), "must be a finite number");
        }
        if (d < 0 && min >= 0) {
            throw new InvalidPolicyException(path(field), d + " is negative");
        }
        if (d < min || d > max) {
            throw new InvalidPolicyException(
                    path(field), d + " is outside [" + min + ", " + max + "]");
        }
        return d;
    }

    long integer(String field, long fallback, long min, long max) throws InvalidPolicyException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidPolicyException(path(field), "must be a whole number");
        }
        long n = v.asLong();
        if (n < 0 && min >= 0) {
            throw new InvalidPolicyException(path(field), n + " is negative");
        }
        if (n < min || n > max) {
            throw new InvalidPolicyException(
                    path(field), n + " is outside [" + min + ", " + max + "]");
        }
        return n;
    }

    long requiredLong(String field, long min, long max) throws InvalidPolicyException {
        if (!has(field)) {
            throw new InvalidPolicyException(path(field), "missing");
        }
        return integer(field, 0, min, max);
    }
}
