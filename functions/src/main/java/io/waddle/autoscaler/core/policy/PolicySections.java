package io.waddle.autoscaler.core.policy;

import io.waddle.autoscaler.core.patterns.PatternHorizons;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Behavior;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Cost;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Direction;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Prediction;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Spike;
import io.waddle.autoscaler.core.scaling.RatePolicy;
import java.util.List;
import java.util.Set;

/**
 * The sections of a policy document that are not a service kind: {@code behavior} (rate limits,
 * stabilization), {@code prediction}, {@code spike} and {@code cost}.
 */
final class PolicySections {
    private static final long DAY_SECONDS = 86_400;

    private PolicySections() {}

    static Behavior behavior(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("behavior");
        c.only("scale_up", "scale_down");
        return new Behavior(
                direction(
                        c.object("scale_up"), c.path("scale_up"), 0, List.of("100%/15s", "4/15s")),
                direction(c.object("scale_down"), c.path("scale_down"), 300, List.of("100%/15s")));
    }

    static Direction direction(PolicyObject o, String path, long stabilization, List<String> limits)
            throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT(path);
        c.only("stabilization_s", "rate_limits", "select");
        long s = c.integer("stabilization_s", stabilization, 0, DAY_SECONDS);
        List<String> rates = c.textList("rate_limits", limits);
        for (int i = 0; i < rates.size(); i++) {
            try {
                RatePolicy.parse(rates.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(
                        c.path("rate_limits") + "[" + i + "]", e.getMessage());
            }
        }
        String select = c.text("select", "max");
        if (!Set.of("max", "min", "disabled").contains(select)) {
            throw new InvalidPolicyException(
                    c.path("select"), "'" + select + "' is not one of max, min, disabled");
        }
        if (rates.isEmpty() && !select.equals("disabled")) {
            throw new InvalidPolicyException(
                    c.path("rate_limits"), "at least one rate limit unless select is disabled");
        }
        return new Direction(s, rates, select);
    }

    static Prediction prediction(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("prediction");
        c.only("enabled", "horizon_s", "min_history_s");
        return new Prediction(
                c.bool("enabled", false),
                c.integer("horizon_s", 900, 60, DAY_SECONDS),
                c.integer("min_history_s", DAY_SECONDS, 0, 60 * DAY_SECONDS));
    }

    static Spike spike(PolicyObject o) throws InvalidPolicyException {
        if (o == null) {
            return Spike.inherit();
        }
        o.only(
                "enabled",
                "min_rise_percent",
                "within_s",
                "min_base_rate",
                "emergency_max_factor",
                "provisioning_delay_s");
        return new Spike(
                o.has("enabled") ? o.bool("enabled", true) : null,
                o.has("min_rise_percent") ? o.number("min_rise_percent", 50, 1, 100_000) : null,
                o.has("within_s")
                        ? o.integer("within_s", 60, 1, PatternHorizons.MAX_SPIKE_SPAN.toSeconds())
                        : null,
                o.has("min_base_rate") ? o.number("min_base_rate", 1, 0, 1e9) : null,
                o.has("emergency_max_factor")
                        ? o.number("emergency_max_factor", 4, 1.01, 100)
                        : null,
                o.has("provisioning_delay_s")
                        ? o.integer("provisioning_delay_s", 60, 0, 3600)
                        : null);
    }

    static Cost cost(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("cost");
        c.only("monthly_budget", "max_spot_share", "on_demand_hourly_price", "spot_hourly_price");
        return new Cost(
                c.number("monthly_budget", 0, 0, 1e9),
                c.number("max_spot_share", 0.7, 0, 1),
                c.number("on_demand_hourly_price", 0.10, 0, 1e4),
                c.number("spot_hourly_price", 0.03, 0, 1e4));
    }
}
