package io.waddle.autoscaler.core.policy;

import io.waddle.autoscaler.core.policy.ScalingPolicy.Selector;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Picks the policy for a service in a region: the most specific that matches wins.
 *
 * <ol>
 *   <li>exact service and region (specificity 4)
 *   <li>exact service, any region (3)
 *   <li>service pattern and region (2); then service pattern (1), the longer pattern first
 *   <li>region only (1)
 *   <li>the default policy (0)
 * </ol>
 *
 * Ties go to the lexically smallest policy id, so that every parallel instance picks the same.
 */
public final class PolicyResolver {
    private PolicyResolver() {}

    public static Optional<ScalingPolicy> resolve(
            Collection<ScalingPolicy> policies, String service, String region) {
        return policies.stream()
                .filter(p -> matches(p.appliesTo(), service, region))
                .max(
                        Comparator.<ScalingPolicy>comparingInt(p -> specificity(p.appliesTo()))
                                .thenComparingInt(p -> patternLength(p.appliesTo()))
                                .thenComparing(ScalingPolicy::policyId, Comparator.reverseOrder()));
    }

    public static boolean matches(Selector s, String service, String region) {
        if (s.region() != null && !s.region().equals(region)) {
            return false;
        }
        if (s.service() != null) {
            return s.service().equals(service);
        }
        return s.servicePattern() == null || Glob.matches(s.servicePattern(), service);
    }

    static int specificity(Selector s) {
        int region = s.region() != null ? 1 : 0;
        if (s.service() != null) {
            return 3 + region;
        }
        if (s.servicePattern() != null) {
            return 1 + region;
        }
        return region;
    }

    private static int patternLength(Selector s) {
        return s.servicePattern() == null
                ? 0
                : s.servicePattern().replace("*", "").replace("?", "").length();
    }
}
