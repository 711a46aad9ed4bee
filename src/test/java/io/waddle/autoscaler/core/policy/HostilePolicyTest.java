package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.model.PolicyMode;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Behavior;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Direction;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Selector;
import io.waddle.autoscaler.core.scaling.RatePolicy;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Policies built to break the job: the review's two rate limits, numbers past every arithmetic
 * bound, pathological globs, deep and huge documents. Each is refused with the field named, and
 * nothing but {@link InvalidPolicyException} ever leaves the parser.
 */
class HostilePolicyTest {
    private static final Instant NOW = Instant.parse("2026-06-25T14:00:00Z");
    private final PolicyParser parser = new PolicyParser();

    private static String withScaleUpLimit(String limit) {
        return "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                + " \"behavior\": {\"scale_up\": {\"rate_limits\": [\""
                + limit
                + "\"]}}}";
    }

    private InvalidPolicyException refusal(String json) {
        try {
            parser.parse(json);
        } catch (InvalidPolicyException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json.substring(0, Math.min(200, json.length())));
    }

    @Test
    void aRatePeriodThatOverflowsADurationIsRefusedNamingTheField() {
        InvalidPolicyException e = refusal(withScaleUpLimit("4/999999999999999999m"));

        assertThat(e.field()).isEqualTo("behavior.scale_up.rate_limits[0]");
    }

    @Test
    void aRatePeriodTooLongToSubtractFromNowIsRefused() {
        InvalidPolicyException e = refusal(withScaleUpLimit("4/999999999999999s"));

        assertThat(e.field()).isEqualTo("behavior.scale_up.rate_limits[0]");
        assertThat(e.reason()).contains("1s to 60m");
    }

    @Test
    void rateAmountsPastTheInstanceAndPercentBoundsAreRefused() {
        assertThat(refusal(withScaleUpLimit("2147483647/15s")).reason()).contains("100000");
        assertThat(refusal(withScaleUpLimit("99999999999999999999/15s")).field())
                .isEqualTo("behavior.scale_up.rate_limits[0]");
        assertThat(refusal(withScaleUpLimit("10001%/15s")).reason()).contains("10000");
        assertThat(refusal(withScaleUpLimit("4/0s")).reason()).contains("1s to 60m");
        assertThat(refusal(withScaleUpLimit("4/-5s")).field())
                .isEqualTo("behavior.scale_up.rate_limits[0]");
    }

    @Test
    void aRuleOutsideTheBoundsCannotBeBuiltEither() {
        assertThatThrownBy(() -> RatePolicy.instances(4, Duration.ofSeconds(999_999_999_999_999L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatePolicy.instances(Integer.MAX_VALUE, Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RatePolicy.parse("8/1h").period()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRestoredPolicyThatTheChecksNowRefuseIsSetAsideForTheJobsSettings()
            throws InvalidPolicyException {
        ScalingPolicy valid =
                parser.parse("{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1}");
        ScalingPolicy restored =
                new ScalingPolicy(
                        valid.schemaVersion(),
                        "old",
                        1,
                        new Selector(null, null, null),
                        PolicyMode.ACTIVE,
                        valid.tolerance(),
                        valid.compute(),
                        valid.webrtc(),
                        valid.database(),
                        valid.cache(),
                        new Behavior(
                                new Direction(0, List.of("4/999999999999999s"), "max"),
                                valid.behavior().scaleDown()),
                        valid.schedules(),
                        valid.prediction(),
                        valid.cost(),
                        valid.spike());
        ServiceSettings builtin = Defaults.settings();

        assertThat(PolicySettings.resolve(restored, builtin, NOW)).isSameAs(builtin);
    }

    @Test
    void aPolicyScalingPastTheDeploymentsHardLimitIsRefusedNamingTheOption() {
        PolicyParser deployment = new PolicyParser(500);
        String compute =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                        + " \"compute\": {\"max_instances\": 501}}";
        String schedule =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1, \"compute\":"
                        + " {\"max_instances\": 400}, \"schedules\": [{\"time_zone\": \"UTC\","
                        + " \"from\": \"08:00\", \"to\": \"20:00\", \"max_instances\": 900}]}";
        String relays =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                        + " \"webrtc\": {\"max_relays\": 1000}}";

        for (String json : List.of(compute, schedule, relays)) {
            try {
                deployment.parse(json);
                throw new AssertionError("accepted: " + json);
            } catch (InvalidPolicyException e) {
                assertThat(e.reason())
                        .contains("above this deployment's hard limit of 500")
                        .contains("autoscaler.metrics.max-instances");
            }
        }
    }

    @Test
    void aGlobWithMoreThanEightStarsIsRefused() {
        String json =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                        + " \"applies_to\": {\"service_pattern\": \"a*a*a*a*a*a*a*a*a*b\"}}";

        assertThat(refusal(json).field()).isEqualTo("applies_to.service_pattern");
    }

    /**
     * Eight stars, allowed, against a name that almost matches: as a regex (one {@code .*} per
     * star) this backtracks through about 10^12 splits of the name; the timeout only stops a hang.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPathologicalGlobIsMatchedWithoutBacktracking() throws InvalidPolicyException {
        ScalingPolicy p =
                parser.parse(
                        "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                                + " \"applies_to\": {\"service_pattern\": \"a*a*a*a*a*a*a*a*b\"}}");
        String name = "a".repeat(128);

        assertThat(PolicyResolver.resolve(List.of(p), name, "eu-west")).isEmpty();
        assertThat(PolicyResolver.resolve(List.of(p), name + "b", "eu-west")).contains(p);
    }

    @Test
    void globsMatchLikeTheShell() {
        assertThat(Glob.matches("chat-*", "chat-api")).isTrue();
        assertThat(Glob.matches("chat-*", "chat-")).isTrue();
        assertThat(Glob.matches("chat-*", "chat")).isFalse();
        assertThat(Glob.matches("*-api", "chat-api")).isTrue();
        assertThat(Glob.matches("c?at*i", "chat-api")).isTrue();
        assertThat(Glob.matches("c?at*x", "chat-api")).isFalse();
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("?", "")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(Glob.matches("relay.eu", "relayXeu")).isFalse();
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeItIsRead() {
        String json =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1, \"pad\": \""
                        + "x".repeat(PolicyParser.MAX_DOCUMENT_CHARS)
                        + "\"}";

        InvalidPolicyException e = refusal(json);

        assertThat(e.field()).isEmpty();
        assertThat(e.reason()).contains("65536");
    }

    @Test
    void deepNestingIsRefused() {
        String json =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1, \"schedules\": "
                        + "[".repeat(5_000)
                        + "]".repeat(5_000)
                        + "}";

        assertThat(refusal(json).reason()).contains("not valid JSON").contains("depth");
    }

    @Test
    void longListsAndManySchedulesAreRefused() {
        List<String> limits = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            limits.add("\"1/15s\"");
        }
        String manyLimits =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                        + " \"behavior\": {\"scale_up\": {\"rate_limits\": ["
                        + String.join(",", limits)
                        + "]}}}";
        List<String> schedules = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            schedules.add("{\"time_zone\": \"UTC\", \"min_instances\": 3}");
        }
        String manySchedules =
                "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1, \"schedules\": ["
                        + String.join(",", schedules)
                        + "]}";

        assertThat(refusal(manyLimits).field()).isEqualTo("behavior.scale_up.rate_limits");
        assertThat(refusal(manySchedules).field()).isEqualTo("schedules");
    }

    @Test
    void aRefusalQuotingTheDocumentStaysOnePrintableLine() {
        InvalidPolicyException e =
                refusal(withScaleUpLimit("4/15\\n\\u001b[31mx" + "y".repeat(500)));

        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b");
        assertThat(e.reason()).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void thePolicyBookRefusesTheReviewsPoisonRecordInsteadOfThrowing() {
        PolicyRecord poison =
                new PolicyRecord(
                        "p", withScaleUpLimit("4/999999999999999999m"), "waddle.policies/0@7", NOW);

        PolicyBook.Outcome o = new PolicyBook().apply(null, poison);

        assertThat(o.rejected()).isTrue();
        assertThat(o.update()).isNull();
        assertThat(o.event().field()).isEqualTo("behavior.scale_up.rate_limits[0]");
    }
}
