package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each record of the policy topic is judged once against the version in force under its key. */
class PolicyBookTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private final PolicyBook book = new PolicyBook();

    private static PolicyRecord record(String key, String json) {
        return new PolicyRecord(key, json, "policies-0@7", START);
    }

    private static String policy(String id, long version, String body) {
        return "{\"schema_version\":1,\"policy_id\":\""
                + id
                + "\",\"version\":"
                + version
                + (body.isEmpty() ? "" : "," + body)
                + "}";
    }

    @Test
    void aFirstValidPolicyIsAcceptedAndBroadcastParsed() {
        PolicyBook.Outcome o =
                book.apply(
                        null,
                        record("chat", policy("chat", 3, "\"compute\":{\"max_instances\":11}")));

        assertThat(o.event().outcome()).isEqualTo("ACCEPTED");
        assertThat(o.event().version()).isEqualTo(3);
        assertThat(o.event().versionInForce()).isNull();
        assertThat(o.update().policy().compute().maxInstances()).isEqualTo(11);
        assertThat(o.versionInForce()).isEqualTo(3);
        assertThat(o.rejected()).isFalse();
    }

    @Test
    void aVersionNoNewerThanTheOneInForceIsStaleAndChangesNothing() {
        PolicyBook.Outcome o = book.apply(5L, record("chat", policy("chat", 5, "")));

        assertThat(o.event().outcome()).isEqualTo("STALE");
        assertThat(o.event().versionInForce()).isEqualTo(5);
        assertThat(o.update()).isNull();
        assertThat(o.versionInForce()).isEqualTo(5);
        assertThat(o.rejected()).isFalse();
    }

    @Test
    void anInvalidPolicyIsRejectedNamingItsFieldAndTheVersionInForceStays() {
        PolicyBook.Outcome o =
                book.apply(
                        2L,
                        record(
                                "chat",
                                policy(
                                        "chat",
                                        3,
                                        "\"compute\":{\"min_instances\":50,\"max_instances\":5}")));

        assertThat(o.event().outcome()).isEqualTo("REJECTED");
        assertThat(o.event().field()).isEqualTo("compute.min_instances");
        assertThat(o.update()).isNull();
        assertThat(o.versionInForce()).isEqualTo(2);
        assertThat(o.rejected()).isTrue();
    }

    @Test
    void aPolicyUnderAnotherKeyIsRejected() {
        PolicyBook.Outcome o = book.apply(null, record("other", policy("chat", 1, "")));

        assertThat(o.event().field()).isEqualTo("policy_id");
        assertThat(o.event().reason()).contains("differs from the record key 'other'");
        assertThat(o.update()).isNull();
    }

    @Test
    void aTombstoneDeletesThePolicyInForce() {
        PolicyBook.Outcome o = book.apply(4L, record("chat", null));

        PolicyEvent e = o.event();
        assertThat(e.outcome()).isEqualTo("DELETED");
        assertThat(e.versionInForce()).isEqualTo(4);
        assertThat(o.update().isDeletion()).isTrue();
        assertThat(o.versionInForce()).isNull();
    }
}
