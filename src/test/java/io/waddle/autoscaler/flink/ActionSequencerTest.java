package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Decisions;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The numbering of each service's actions for the oscillation patterns: only decisions that change
 * capacity count, each service counts on its own, a service idle for the retention leaves no state
 * and counts afresh, and the count survives a snapshot and restore.
 */
class ActionSequencerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(1);

    private static KeyedOneInputStreamOperatorTestHarness<String, Decision, ActionPoint> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ActionSequencer(RETENTION)),
                Decision::serviceRegionKey,
                Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, Decision, ActionPoint> h, Decision d)
            throws Exception {
        h.processElement(new StreamRecord<>(d, d.decidedAt().toEpochMilli() - 1));
    }

    private static Decision scale(String service, int from, int to, int minute) {
        return Decisions.scale(
                ServiceKind.COMPUTE, service, from, to, START.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void onlyCapacityChangesAreNumberedEachServiceOnItsOwn() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, scale("chat-api", 10, 12, 0));
            send(h, Decisions.hold(ServiceKind.COMPUTE, "chat-api", 12, START.plusSeconds(90)));
            send(h, scale("voice-relay", 4, 3, 1));
            send(h, scale("chat-api", 12, 10, 2));

            assertThat(h.extractOutputValues())
                    .extracting(ActionPoint::service, ActionPoint::seq, ActionPoint::up)
                    .containsExactly(
                            tuple("chat-api", 0L, true),
                            tuple("voice-relay", 0L, false),
                            tuple("chat-api", 1L, false));
        }
    }

    @Test
    void aServiceIdleForTheRetentionLeavesNoStateAndCountsAfresh() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, scale("chat-api", 10, 12, 0));
            send(h, scale("chat-api", 12, 14, 30));
            h.processWatermark(new Watermark(START.plus(Duration.ofMinutes(89)).toEpochMilli()));
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(new Watermark(START.plus(Duration.ofMinutes(91)).toEpochMilli()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            send(h, scale("chat-api", 14, 16, 100));
            assertThat(h.extractOutputValues())
                    .extracting(ActionPoint::seq)
                    .containsExactly(0L, 1L, 0L);
        }
    }

    @Test
    void theCountAndItsCleanupSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, scale("chat-api", 10, 12, 0));
            send(h, scale("chat-api", 12, 14, 5));
            snapshot = h.snapshot(1L, START.plus(Duration.ofMinutes(5)).toEpochMilli());
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, scale("chat-api", 14, 12, 10));
            assertThat(restored.extractOutputValues())
                    .extracting(ActionPoint::seq)
                    .containsExactly(2L);

            restored.processWatermark(
                    new Watermark(START.plus(Duration.ofMinutes(71)).toEpochMilli()));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
