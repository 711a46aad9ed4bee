package io.waddle.autoscaler.core.coordination;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's tunables, checked. Built from {@code AutoscalerOptions}.
 *
 * @param lockTimeout a lock no actuation result released expires after this much event time
 * @param silenceTimeout a service with no decision for this long is reported silent and held
 * @param globalMax per service: its total capacity across regions never exceeds this
 * @param rebalanceThreshold a service with a global maximum is rebalanced when its placement is off
 *     the optimal one by more than this share of the optimal total
 * @param forgetAfter a service with no decision for this long is forgotten (as the scalers forget
 *     it after the idle-state retention)
 */
public record CoordinatorConfig(
        DependencyGraph graph,
        Readiness readiness,
        Duration lockTimeout,
        Duration silenceTimeout,
        Map<String, Integer> globalMax,
        double rebalanceThreshold,
        Duration forgetAfter)
        implements Serializable {

    public CoordinatorConfig {
        globalMax = Map.copyOf(globalMax);
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be > 0: " + lockTimeout);
        }
        if (silenceTimeout.isNegative() || silenceTimeout.isZero()) {
            throw new IllegalArgumentException("silence timeout must be > 0: " + silenceTimeout);
        }
        if (forgetAfter.compareTo(silenceTimeout) <= 0) {
            throw new IllegalArgumentException(
                    "forget-after ("
                            + forgetAfter
                            + ") must be longer than the silence timeout ("
                            + silenceTimeout
                            + ")");
        }
        if (!(rebalanceThreshold > 0 && rebalanceThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "rebalance threshold must be in (0, 1]: " + rebalanceThreshold);
        }
    }

    /** {@code media-relay=60,chat-api=200}: each service's total maximum across regions. */
    public static Map<String, Integer> parseGlobalMax(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(
                        "global max '" + part.trim() + "' must look like media-relay=60");
            }
            int max;
            try {
                max = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "global max of " + kv[0].trim() + " is not a whole number: " + kv[1]);
            }
            if (max < 1 || max > 1_000_000) {
                throw new IllegalArgumentException(
                        "global max of " + kv[0].trim() + " must be in [1, 1000000]: " + max);
            }
            out.put(kv[0].trim(), max);
        }
        return out;
    }
}
