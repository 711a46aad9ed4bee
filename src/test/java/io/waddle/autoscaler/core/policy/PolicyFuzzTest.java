package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.waddle.autoscaler.testing.PolicyMutants;
import io.waddle.autoscaler.testing.PolicyMutants.Mutation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    private final PolicyParser parser = new PolicyParser();
    private final ServiceEvaluator evaluator = new ServiceEvaluator(8);
    private final ServiceSettings builtin = Defaults.settings();

    @Test
    void everyMutantOfEveryShippedExampleIsRefusedOrSafelyApplied() throws Exception {
        Random random = new Random(SEED);
        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
        int tried = 0;
        for (Path example : PolicyMutants.examples()) {
            JsonNode original = JSON.readTree(Files.readString(example));
            for (int i = 0; i < MUTANTS_PER_EXAMPLE; i++) {
                Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
                String doc = PolicyMutants.mutate(original.deepCopy(), m, random);
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
}
