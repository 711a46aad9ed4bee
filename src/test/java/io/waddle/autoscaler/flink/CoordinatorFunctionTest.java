package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.coordination.CoordinatorConfig;
import io.waddle.autoscaler.model.ActuationResult;
import io.waddle.autoscaler.model.ObservedWindow;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.scaling.Reason;
import io.waddle.autoscaler.scaling.ScalingDecision;
import io.waddle.autoscaler.scaling.Subject;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant SLIDE_LATER = START.plusSeconds(15);
    private static final Instant TWO_SLIDES_LATER = START.plusSeconds(30);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, ScalingEvent, ActuationResult, ScalingCommand>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, ScalingEvent, ActuationResult, ScalingCommand>
            newHarness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new CoordinatorFunction(CoordinatorConfig.defaults())),
                e -> "waddle",
                r -> "waddle",
                Types.STRING);
    }

    private static ScalingEvent scale(
            ServiceKind kind, String service, int from, int to, Instant at) {
        return ScalingEvent.of(
                ScalingDecision.scaleTo(
                        new Subject(service, "eu-west", kind),
                        at,
                        from,
                        to,
                        to,
                        Reason.CPU_ABOVE_TARGET,
                        "load",
                        List.of(),
                        from),
                new ObservedWindow(from, 90.0, 95.0, null, null, 0, null, 0),
                PolicyRef.BUILTIN);
    }

    private static ScalingEvent hold(ServiceKind kind, String service, int at, Instant when) {
        return ScalingEvent.of(
                ScalingDecision.noChange(
                        new Subject(service, "eu-west", kind),
                        when,
                        at,
                        at,
                        Reason.WITHIN_TOLERANCE,
                        "ok",
                        at),
                new ObservedWindow(at, 50.0, 55.0, null, null, 0, null, 0),
                PolicyRef.BUILTIN);
    }

    /** A decision as the window operator's result carries it: stamped with the window end - 1. */
    private static void decide(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, ScalingEvent, ActuationResult, ScalingCommand>
                    h,
            ScalingEvent e)
            throws Exception {
        h.processElement1(new StreamRecord<>(e, e.decidedAt().toEpochMilli() - 1));
    }

    private static void watermark(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, ScalingEvent, ActuationResult, ScalingCommand>
                    h,
            long at)
            throws Exception {
        h.processBothWatermarks(new Watermark(at));
    }

    private List<ScalingEvent> events() {
        return harness.getSideOutput(CoordinatorFunction.EVENTS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    @Test
    void aRoundWaitsForTheWatermarkThenItsCommandsLeaveDependenciesFirst() throws Exception {
        decide(harness, scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START));
        decide(harness, hold(ServiceKind.CACHE, "sessions", 4, START));
        watermark(harness, START.toEpochMilli() - 2);
        List<ScalingCommand> before = harness.extractOutputValues();
        decide(harness, hold(ServiceKind.DATABASE, "chat-db", 120, START));
        watermark(harness, START.toEpochMilli() - 1);

        assertThat(before).isEmpty();
        assertThat(harness.extractOutputValues())
                .extracting(c -> c.kind() + " " + c.from() + "->" + c.to())
                .containsExactly("database 120->216", "cache 4->6", "compute 12->18");
        assertThat(events()).hasSize(3);
    }

    @Test
    void theActuationResultReleasesTheLockAtOnce() throws Exception {
        ScalingEvent first = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        decide(harness, first);
        watermark(harness, START.toEpochMilli() - 1);
        harness.processElement2(
                new StreamRecord<>(ActuationResult.applied(ScalingCommand.of(first), START)));
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 80, 100, SLIDE_LATER));
        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::to)
                .containsExactly(80, 100);
    }

    @Test
    void withoutAResultTheNextDecisionIsLocked() throws Exception {
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        watermark(harness, START.toEpochMilli() - 1);
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 80, 100, SLIDE_LATER));
        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::to)
                .containsExactly(80);
        assertThat(events())
                .extracting(ScalingEvent::reason)
                .containsExactly("CPU_ABOVE_TARGET", "LOCKED");
    }

    @Test
    void roundsThatComeDueTogetherAreCoordinatedInTimeOrder() throws Exception {
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, SLIDE_LATER));
        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(events())
                .extracting(ScalingEvent::reason)
                .containsExactly("CPU_ABOVE_TARGET", "DUPLICATE_IN_FLIGHT");
    }

    @Test
    void aRoundLeavesNoBufferedDecisionsOrTimersBehind() throws Exception {
        decide(harness, hold(ServiceKind.COMPUTE, "chat-api", 12, START));
        decide(harness, hold(ServiceKind.COMPUTE, "chat-api", 12, SLIDE_LATER));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the buffered round
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        watermark(harness, START.toEpochMilli() - 1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);
        // Only the platform state remains.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(events()).hasSize(2);
    }

    @Test
    void locksAndBufferedRoundsSurviveASnapshotAndRestore() throws Exception {
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        watermark(harness, START.toEpochMilli() - 1);
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, SLIDE_LATER));
        OperatorSubtaskState snapshot = harness.snapshot(1L, SLIDE_LATER.toEpochMilli());

        try (var restored = newHarness()) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            watermark(restored, SLIDE_LATER.toEpochMilli() - 1);
            decide(restored, scale(ServiceKind.DATABASE, "chat-db", 80, 100, TWO_SLIDES_LATER));
            watermark(restored, TWO_SLIDES_LATER.toEpochMilli() - 1);

            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(
                            restored.getSideOutput(CoordinatorFunction.EVENTS).stream()
                                    .map(r -> r.getValue().reason())
                                    .toList())
                    .containsExactly("DUPLICATE_IN_FLIGHT", "LOCKED");
        }
    }
}
