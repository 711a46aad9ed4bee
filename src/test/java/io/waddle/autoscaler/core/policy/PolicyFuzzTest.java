package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.ServiceEvaluator;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.ServiceState;
import io.waddle.autoscaler.testing.Defaults;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of every shipped example policy: overflowing numbers and durations, huge counts,
 * hostile strings, pathological globs, deep nesting, megabyte documents, truncation. Each mutant is
 * either refused with an {@link InvalidPolicyException} naming a printable field and reason, or
 * accepted and then resolved and applied to windows of every kind, at instants that cross its
 * schedules, without any exception. Nothing else may happen.
 */
class PolicyFuzzTest {
    private static final long SEED = 13;
    private static final int MUTANTS_PER_EXAMPLE = 1_500;
    private static final Instant START = Instant.parse("2026-06-22T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Mutation {
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

    private final PolicyParser parser = new PolicyParser();
    private final ServiceEvaluator evaluator = new ServiceEvaluator(8);
    private final ServiceSettings builtin = Defaults.settings();

    @Test
    void everyMutantOfEveryShippedExampleIsRefusedOrSafelyApplied() throws Exception {
        Random random = new Random(SEED);
        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
        int tried = 0;
        for (Path example : examples()) {
            JsonNode original = JSON.readTree(Files.readString(example));
            for (int i = 0; i < MUTANTS_PER_EXAMPLE; i++) {
                Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
                String doc = mutate(original.deepCopy(), m, random);
                boolean accepted = tryOne(doc, random);
                outcomes.computeIfAbsent(m, k -> new int[2])[accepted ? 0 : 1]++;
                tried++;
            }
        }

        assertThat(tried).isGreaterThanOrEqualTo(7 * MUTANTS_PER_EXAMPLE);
        for (Mutation m : Mutation.values()) {
            assertThat(outcomes.get(m)[1]).as(m + " refused at least once").isPositive();
        }
        for (Mutation m : List.of(Mutation.DELETE_FIELD, Mutation.RATE_LIMIT, Mutation.GLOB)) {
            assertThat(outcomes.get(m)[0])
                    .as(m + " accepted and applied at least once")
                    .isPositive();
        }
    }

    /** True if accepted (and applied without exception), false if refused properly. */
    private boolean tryOne(String doc, Random random) {
        ScalingPolicy policy;
        try {
            policy = parser.parse(doc);
        } catch (InvalidPolicyException e) {
            assertThat(e.field()).isNotNull();
            assertThat(e.getMessage())
                    .hasSizeLessThanOrEqualTo(2 * InvalidPolicyException.MAX_CHARS + 2)
                    .doesNotContainPattern("\\p{Cntrl}");
            return false;
        }
        String service = random.nextBoolean() ? "chat-api" : "x".repeat(1 + random.nextInt(128));
        PolicyResolver.resolve(List.of(policy), service, "eu-west");
        for (int h = 0; h < 48; h += 7) {
            Instant at = START.plus(Duration.ofHours(h));
            ServiceSettings s = PolicySettings.resolve(policy, builtin, at);
            for (ServiceKind kind : ServiceKind.values()) {
                ServiceState state = null;
                for (int w = 0; w < 3; w++) {
                    ServiceEvaluator.Evaluation e =
                            evaluator.evaluate(state, window(kind, at, w), Matches.NONE, s);
                    Decision d = e.decision();
                    assertThat(d.to()).isNotNegative();
                    state = e.next();
                }
            }
        }
        return true;
    }

    private static WindowedMetrics window(ServiceKind kind, Instant end, int w) {
        double load = 1 + w * 40;
        Map<String, GaugeStats> g =
                switch (kind) {
                    case COMPUTE ->
                            Map.of(
                                    Gauges.CPU, new GaugeStats(3, 3 * load, load),
                                    Gauges.REQUESTS_PER_SECOND,
                                            new GaugeStats(3, 300 * load, 100 * load));
                    case WEBRTC -> Map.of(Gauges.CONNECTIONS, new GaugeStats(3, 900 * load, 400));
                    case DATABASE ->
                            Map.of(
                                    Gauges.ACTIVE_CONNECTIONS, new GaugeStats(3, 30 * load, 20),
                                    Gauges.QUEUE_DEPTH, new GaugeStats(3, load, load));
                    case CACHE ->
                            Map.of(
                                    Gauges.USED_MEMORY_BYTES,
                                    new GaugeStats(3, load * (1L << 30), 1L << 30),
                                    Gauges.HIT_RATE,
                                    new GaugeStats(3, 2.7, 0.95));
                };
        Instant at = end.plusSeconds(60L * w);
        return new WindowedMetrics("chat-api", "eu-west", kind, at.minusSeconds(60), at, 3, g);
    }

    private static List<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("flink-conf", "policies"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String mutate(JsonNode root, Mutation m, Random r) throws Exception {
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
