package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.model.ObservedWindow;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.scaling.Reason;
import io.waddle.autoscaler.scaling.ScalingDecision;
import io.waddle.autoscaler.scaling.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandDeduplicatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    private static final Duration IN_FLIGHT_TIMEOUT = Duration.ofMinutes(10);
    private static final Subject CHAT = new Subject("chat-api", "eu-west", ServiceKind.COMPUTE);

    private KeyedOneInputStreamOperatorTestHarness<String, ScalingEvent, ScalingCommand> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScalingEvent, ScalingCommand>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CommandDeduplicator(IN_FLIGHT_TIMEOUT)),
                ScalingEvent::serviceRegionKey,
                Types.STRING);
    }

    /**
     * A SCALE decision from {@code from} to {@code to} at {@code at}, with {@code reporting}
     * instances seen.
     */
    private static ScalingEvent scale(int from, int to, Instant at, int reporting) {
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        CHAT,
                        at,
                        from,
                        to,
                        to,
                        Reason.CPU_ABOVE_TARGET,
                        "cpu",
                        List.of(),
                        reporting);
        return ScalingEvent.of(d, observed(reporting), PolicyRef.BUILTIN);
    }

    private static ScalingEvent hold(int current, Instant at, int reporting) {
        ScalingDecision d =
                ScalingDecision.noChange(
                        CHAT, at, current, current, Reason.WITHIN_TOLERANCE, "ok", reporting);
        return ScalingEvent.of(d, observed(reporting), PolicyRef.BUILTIN);
    }

    private static ObservedWindow observed(int instances) {
        return new ObservedWindow(instances, 70.0, 70.0, null, null, 0.0, null, 0.0);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ScalingEvent, ScalingCommand> h,
            ScalingEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.decidedAt().toEpochMilli() - 1));
    }

    private List<ScalingEvent> events() {
        return harness.getSideOutput(CommandDeduplicator.EVENTS).stream()
                .map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    @Test
    void turnsAScaleDecisionIntoACommandAndLogsTheEvent() throws Exception {
        send(harness, scale(10, 13, START, 10));

        ScalingCommand c = harness.extractOutputValues().get(0);
        assertThat(c.action()).isEqualTo("scale_up");
        assertThat(c.from()).isEqualTo(10);
        assertThat(c.to()).isEqualTo(13);
        assertThat(c.reason()).isEqualTo("CPU_ABOVE_TARGET");
        assertThat(c.decidedAt()).isEqualTo(START);
        assertThat(events()).extracting(ScalingEvent::commandId).containsExactly(c.commandId());
    }

    @Test
    void passesDecisionsWithoutAChangeToTheEventLogOnly() throws Exception {
        send(harness, hold(10, START, 10));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(events()).extracting(ScalingEvent::outcome).containsExactly("NO_CHANGE");
    }

    @Test
    void suppressesACommandWithTheSameTargetWhileTheFirstIsInFlight() throws Exception {
        send(harness, scale(10, 13, START, 10));
        send(harness, scale(10, 13, ONE_MINUTE_LATER, 10));

        assertThat(harness.extractOutputValues()).hasSize(1);
        ScalingEvent suppressed = events().get(1);
        assertThat(suppressed.outcome()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.reason()).isEqualTo(Reason.DUPLICATE_IN_FLIGHT.name());
        assertThat(suppressed.to()).isEqualTo(suppressed.from());
        assertThat(suppressed.detail()).contains("still in flight").contains("10->13");
    }

    @Test
    void issuesADifferentTargetEvenWhileACommandIsInFlight() throws Exception {
        send(harness, scale(10, 13, START, 10));
        send(harness, scale(13, 20, ONE_MINUTE_LATER, 10));

        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::to)
                .containsExactly(13, 20);
    }

    @Test
    void issuesTheSameTargetAgainOnceTheFirstCommandHasTakenEffect() throws Exception {
        send(harness, scale(10, 13, START, 10));
        send(harness, hold(13, START.plusSeconds(30), 13)); // 13 instances report: done
        send(harness, scale(10, 13, ONE_MINUTE_LATER, 10)); // e.g. after an outage

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void completionClearsTheStateAndTheExpiryTimer() throws Exception {
        send(harness, scale(10, 13, START, 10));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        send(harness, hold(13, START.plusSeconds(30), 13));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anExpiredCommandNoLongerBlocksItsTargetAndLeavesNoState() throws Exception {
        send(harness, scale(10, 13, START, 10));

        harness.processWatermark(START.plus(IN_FLIGHT_TIMEOUT).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        send(harness, scale(10, 13, START.plus(IN_FLIGHT_TIMEOUT).plusSeconds(15), 10));
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void aRestoredDeduplicatorStillKnowsTheCommandInFlight() throws Exception {
        send(harness, scale(10, 13, START, 10));
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (KeyedOneInputStreamOperatorTestHarness<String, ScalingEvent, ScalingCommand> restored =
                newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, scale(10, 13, ONE_MINUTE_LATER, 10));

            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
