package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {
    private final PolicyParser parser = new PolicyParser();

    private ScalingPolicy policy(String id, String appliesTo) throws Exception {
        return parser.parse(
                "{\"schema_version\":1,\"policy_id\":\""
                        + id
                        + "\",\"version\":1"
                        + (appliesTo == null ? "" : ",\"applies_to\":" + appliesTo)
                        + "}");
    }

    @Test
    void theMostSpecificMatchingPolicyWins() throws Exception {
        List<ScalingPolicy> all =
                List.of(
                        policy("default", null),
                        policy("all-chat", "{\"service_pattern\":\"chat-*\"}"),
                        policy("chat-api", "{\"service\":\"chat-api\"}"),
                        policy("chat-api-eu", "{\"service\":\"chat-api\",\"region\":\"eu-west\"}"));

        assertThat(PolicyResolver.resolve(all, "chat-api", "eu-west"))
                .get()
                .extracting(ScalingPolicy::policyId)
                .isEqualTo("chat-api-eu");
        assertThat(PolicyResolver.resolve(all, "chat-api", "us-east"))
                .get()
                .extracting(ScalingPolicy::policyId)
                .isEqualTo("chat-api");
        assertThat(PolicyResolver.resolve(all, "chat-gateway", "us-east"))
                .get()
                .extracting(ScalingPolicy::policyId)
                .isEqualTo("all-chat");
        assertThat(PolicyResolver.resolve(all, "billing", "us-east"))
                .get()
                .extracting(ScalingPolicy::policyId)
                .isEqualTo("default");
    }

    @Test
    void theLongerPatternIsTheMoreSpecific() throws Exception {
        List<ScalingPolicy> all =
                List.of(
                        policy("any-chat", "{\"service_pattern\":\"chat*\"}"),
                        policy("chat-api-ish", "{\"service_pattern\":\"chat-api*\"}"));

        assertThat(PolicyResolver.resolve(all, "chat-api-v2", "eu"))
                .get()
                .extracting(ScalingPolicy::policyId)
                .isEqualTo("chat-api-ish");
    }

    @Test
    void nothingMatchesWithoutADefault() throws Exception {
        assertThat(PolicyResolver.resolve(List.of(policy("x", "{\"service\":\"x\"}")), "y", "eu"))
                .isEmpty();
    }

    @Test
    void tiesGoToTheSmallestPolicyIdWhateverTheOrder() throws Exception {
        ScalingPolicy a = policy("a-default", null);
        ScalingPolicy b = policy("b-default", null);

        assertThat(PolicyResolver.resolve(List.of(a, b), "s", "r")).contains(a);
        assertThat(PolicyResolver.resolve(List.of(b, a), "s", "r")).contains(a);
    }
}
