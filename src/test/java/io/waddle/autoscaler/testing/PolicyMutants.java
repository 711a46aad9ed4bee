package io.waddle.autoscaler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded mutations of policy documents: overflowing numbers and rate limits, hostile strings,
 * pathological globs, deep nesting, megabyte documents, truncation. Used by the parser's fuzz test
 * and by the job-level one.
 */
public final class PolicyMutants {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PolicyMutants() {}

    public enum Mutation {
        HUGE_NUMBER,
        NEGATIVE_NUMBER,
        FRACTION,
        WRONG_TYPE,
        HOSTILE_STRING,
        RATE_LIMIT,
        GLOB,
        DELETE_FIELD,
        UNKNOWN_FIELD,
        DEEP_NESTING,
        MEGABYTE,
        TRUNCATED,
        MANY_ENTRIES
    }

    /** The shipped example policies. */
    public static List<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("flink-conf", "policies"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A random mutation of {@code root}, as a document. */
    public static String mutate(JsonNode root, Random r) throws Exception {
        return mutate(root, Mutation.values()[r.nextInt(Mutation.values().length)], r);
    }

    public static String mutate(JsonNode root, Mutation m, Random r) throws Exception {
        switch (m) {
            case TRUNCATED -> {
                String s = JSON.writeValueAsString(root);
                return s.substring(0, r.nextInt(s.length()));
            }
            case MEGABYTE -> {
                ((ObjectNode) root).put("padding", "p".repeat(1 << 20));
                return JSON.writeValueAsString(root);
            }
            case RATE_LIMIT -> {
                ObjectNode behavior = ((ObjectNode) root).withObjectProperty("behavior");
                behavior.withObjectProperty(r.nextBoolean() ? "scale_up" : "scale_down")
                        .set("rate_limits", F.arrayNode().add("4/15s").add(rateLimit(r)));
                return JSON.writeValueAsString(root);
            }
            case GLOB -> {
                ObjectNode selector = ((ObjectNode) root).withObjectProperty("applies_to");
                selector.remove("service");
                selector.put("service_pattern", glob(r));
                return JSON.writeValueAsString(root);
            }
            case DEEP_NESTING -> {
                JsonNode deep = F.numberNode(1);
                for (int i = 0; i < 2 + r.nextInt(200); i++) {
                    deep =
                            r.nextBoolean()
                                    ? F.arrayNode().add(deep)
                                    : F.objectNode().set("a", deep);
                }
                set(root, pickParent(root, r), r, deep);
                return JSON.writeValueAsString(root);
            }
            default -> {
                ObjectNode parent = pickParent(root, r);
                set(root, parent, r, value(m, r, parent));
                return JSON.writeValueAsString(root);
            }
        }
    }

    private static JsonNode value(Mutation m, Random r, ObjectNode parent) {
        return switch (m) {
            case HUGE_NUMBER ->
                    List.<JsonNode>of(
                                    F.numberNode(Long.MAX_VALUE),
                                    F.numberNode(Integer.MAX_VALUE + 1L),
                                    F.numberNode(1e308),
                                    F.numberNode(new BigInteger("9".repeat(40))),
                                    F.numberNode(Double.MAX_VALUE))
                            .get(r.nextInt(5));
            case NEGATIVE_NUMBER ->
                    F.numberNode(r.nextBoolean() ? -1 : Long.MIN_VALUE + r.nextInt(3));
            case FRACTION -> F.numberNode(r.nextBoolean() ? 1e-320 : 0.5);
            case WRONG_TYPE ->
                    List.<JsonNode>of(
                                    F.booleanNode(true),
                                    F.nullNode(),
                                    F.objectNode(),
                                    F.arrayNode(),
                                    F.textNode("12"),
                                    F.textNode("NaN"))
                            .get(r.nextInt(6));
            case HOSTILE_STRING ->
                    F.textNode(
                            List.of(
                                            "",
                                            "x".repeat(5_000),
                                            "a\nb\u0000\u001b[31m",
                                            "\uD800",
                                            "'; DROP TABLE policies; --",
                                            "Europe/../../etc/passwd",
                                            "25:99")
                                    .get(r.nextInt(7)));
            case MANY_ENTRIES -> {
                ArrayNode a = F.arrayNode();
                int n = 10 + r.nextInt(100);
                for (int i = 0; i < n; i++) {
                    a.add(r.nextBoolean() ? F.textNode("4/15s") : F.textNode("mon"));
                }
                yield a;
            }
            case DELETE_FIELD, UNKNOWN_FIELD -> null;
            default -> throw new IllegalStateException(m.name());
        };
    }

    private static String rateLimit(Random r) {
        String[] amounts = {"4", "100%", "0", "-3", "99999999999999999999", "2147483648", "7%"};
        String[] periods = {
            "15s", "999999999999999999m", "999999999999999s", "0s", "1h", "61m", "9999999h", "s"
        };
        return amounts[r.nextInt(amounts.length)] + "/" + periods[r.nextInt(periods.length)];
    }

    private static String glob(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "*".repeat(1 + r.nextInt(128));
            case 1 -> "a*".repeat(1 + r.nextInt(20)) + "b";
            case 2 -> "?".repeat(1 + r.nextInt(200));
            default -> "chat-*";
        };
    }

    /** An object of the document: the root or one of its sections, at random. */
    private static ObjectNode pickParent(JsonNode root, Random r) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        return objects.get(r.nextInt(objects.size()));
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        for (JsonNode child : n) {
            collect(child, out);
        }
    }

    /** Replaces a random field of {@code parent} with {@code v}; deletes it, or adds one. */
    private static void set(JsonNode root, ObjectNode parent, Random r, JsonNode v) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = parent.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        if (v == null && !names.isEmpty() && r.nextInt(3) > 0) {
            parent.remove(names.get(r.nextInt(names.size())));
            return;
        }
        if (v == null || names.isEmpty()) {
            parent.put("unknown_" + r.nextInt(1000), 1);
            return;
        }
        parent.set(names.get(r.nextInt(names.size())), v);
    }
}
