package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy topic read once: one verdict per record, changes forwarded, versions kept. */
class PolicyBookFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PolicyBookFunction()),
                PolicyRecord::key,
                Types.STRING);
    }

    private static PolicyRecord record(String id, Long version) {
        String json =
                version == null
                        ? null
                        : "{\"schema_version\":1,\"policy_id\":\""
                                + id
                                + "\",\"version\":"
                                + version
                                + "}";
        return new PolicyRecord(id, json, "policies-0@1", START);
    }

    private static List<String> verdicts(
            KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate> h) {
        return h.getSideOutput(PolicyBookFunction.POLICY_EVENTS).stream()
                .map(StreamRecord::getValue)
                .map(e -> e.policyId() + " v" + e.version() + " " + e.outcome())
                .toList();
    }

    @Test
    void eachRecordGetsOneVerdictAndOnlyChangesGoOn() throws Exception {
        harness.processElement(record("chat", 1L), 0);
        harness.processElement(record("chat", 1L), 0);
        harness.processElement(record("chat", 2L), 0);
        harness.processElement(record("relays", 1L), 0);

        assertThat(verdicts(harness))
                .containsExactly(
                        "chat v1 ACCEPTED",
                        "chat v1 STALE",
                        "chat v2 ACCEPTED",
                        "relays v1 ACCEPTED");
        assertThat(harness.extractOutputValues())
                .extracting(u -> u.policyId() + " v" + u.policy().version())
                .containsExactly("chat v1", "chat v2", "relays v1");
    }

    @Test
    void aDeletedPolicyLeavesNoStateAndItsIdCanStartAgain() throws Exception {
        harness.processElement(record("chat", 3L), 0);
        harness.processElement(record("chat", null), 0);

        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.processElement(record("chat", 1L), 0);
        assertThat(verdicts(harness))
                .containsExactly("chat v3 ACCEPTED", "chat vnull DELETED", "chat v1 ACCEPTED");
        assertThat(harness.extractOutputValues().get(1).isDeletion()).isTrue();
    }

    @Test
    void aRestoredBookStillKnowsTheVersionInForce() throws Exception {
        harness.processElement(record("chat", 4L), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0);

        try (var restored = newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(record("chat", 3L), 0);

            List<PolicyEvent> events =
                    restored.getSideOutput(PolicyBookFunction.POLICY_EVENTS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(events)
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.outcome()).isEqualTo("STALE");
                                assertThat(e.versionInForce()).isEqualTo(4);
                            });
            assertThat(restored.extractOutputValues()).isEmpty();
        }
    }
}
