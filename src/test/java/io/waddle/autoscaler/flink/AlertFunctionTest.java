package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.alerts.AlertSettings;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.AlertInput;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.testing.Decisions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alerts operator: one alert per condition and service while it holds, one resolution when it
 * clears (by input or by time, through its timer), no state once quiet, and a restored operator
 * resolves what it raised before.
 */
class AlertFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration CALM = Duration.ofMinutes(30);

    private KeyedOneInputStreamOperatorTestHarness<String, AlertInput, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AlertInput, Alert> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new AlertFunction(new AlertSettings(CALM, Duration.ofHours(1), 0.10))),
                AlertInput::serviceRegionKey,
                Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, AlertInput, Alert> h,
            AlertInput in,
            Instant at)
            throws Exception {
        h.processElement(new StreamRecord<>(in, at.toEpochMilli()));
    }

    private static PatternMatch oscillation(Instant at) {
        return new PatternMatch(
                PatternMatch.Type.OSCILLATION,
                "chat-api",
                "eu-west",
                at.minus(Duration.ofMinutes(20)),
                at,
                0,
                0,
                4,
                "4 direction changes within 30 min (actions 3 to 7)");
    }

    private static ActuationResult result(int n, boolean failed, Instant at) {
        ScalingCommand c =
                ScalingCommand.of(Decisions.scale(ServiceKind.COMPUTE, "chat-api", 10, 10 + n, at));
        return failed
                ? ActuationResult.failed(c, at, "quota exceeded")
                : ActuationResult.applied(c, at);
    }

    private static Decision silent(Instant at) {
        return new Decision(
                ScalingDecision.noChange(
                        new Subject("chat-api", "eu-west", ServiceKind.COMPUTE),
                        at,
                        10,
                        10,
                        Reason.METRICS_SILENT,
                        "no metrics from eu-west since " + at.minusSeconds(60),
                        0),
                PolicyRef.BUILTIN,
                null);
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void anOscillationWarnsOnceAndResolvesAfterTheCalmPeriod() throws Exception {
        send(harness, AlertInput.of(oscillation(START)), START);
        send(harness, AlertInput.of(oscillation(START.plusSeconds(600))), START.plusSeconds(600));
        harness.processWatermark(new Watermark(START.plus(CALM).toEpochMilli()));

        assertThat(alerts()).hasSize(1);
        Alert warning = alerts().get(0);
        assertThat(warning.condition()).isEqualTo("OSCILLATION");
        assertThat(warning.severity()).isEqualTo("warning");
        assertThat(warning.status()).isEqualTo(Alert.FIRING);
        assertThat(warning.message()).contains("4 direction changes");

        // Calm 30 min after the second match, not the first.
        harness.processWatermark(new Watermark(START.plusSeconds(600).plus(CALM).toEpochMilli()));

        assertThat(alerts()).hasSize(2);
        Alert resolved = alerts().get(1);
        assertThat(resolved.status()).isEqualTo(Alert.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(warning.alertId());
        assertThat(resolved.message()).isEqualTo("no oscillation for 30 min");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void moreThanATenthOfTheHoursCommandsFailingIsCriticalUntilTheFailureAgesOut()
            throws Exception {
        for (int i = 1; i <= 9; i++) {
            send(harness, AlertInput.of(result(i, false, START.plusSeconds(60 * i))), START);
        }
        assertThat(alerts()).isEmpty();

        Instant failedAt = START.plusSeconds(600);
        send(harness, AlertInput.of(result(10, true, failedAt)), failedAt); // 1 of 10: 10 %
        assertThat(alerts()).isEmpty();
        Instant secondAt = START.plusSeconds(660);
        send(harness, AlertInput.of(result(11, true, secondAt)), secondAt); // 2 of 11

        assertThat(alerts()).hasSize(1);
        Alert critical = alerts().get(0);
        assertThat(critical.condition()).isEqualTo("SCALING_FAILURES");
        assertThat(critical.severity()).isEqualTo("critical");
        assertThat(critical.message())
                .isEqualTo(
                        "2 of 11 scaling commands failed in the last hour (18 %, threshold 10 %)");
        assertThat(critical.suggestedAction()).contains("actuator");

        // An hour after the first failure only one failure is left among fewer attempts...
        harness.processWatermark(new Watermark(failedAt.plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(alerts()).hasSize(1);
        // ...and once both aged out, the alert is resolved and the key forgotten.
        harness.processWatermark(
                new Watermark(secondAt.plus(Duration.ofHours(1)).plusSeconds(1).toEpochMilli()));

        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).status()).isEqualTo(Alert.RESOLVED);
        assertThat(alerts().get(1).message()).startsWith("0 of 0 scaling commands failed");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSilentRegionWarnsAndItsNextDecisionResolves() throws Exception {
        send(harness, AlertInput.of(silent(START)), START);
        send(harness, AlertInput.of(silent(START.plusSeconds(15))), START.plusSeconds(15));
        Instant back = START.plusSeconds(120);
        send(
                harness,
                AlertInput.of(Decisions.hold(ServiceKind.COMPUTE, "chat-api", 10, back)),
                back);

        assertThat(alerts())
                .extracting(Alert::condition, Alert::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("METRICS_SILENT", Alert.FIRING),
                        org.assertj.core.groups.Tuple.tuple("METRICS_SILENT", Alert.RESOLVED));
        assertThat(alerts().get(0).message()).startsWith("no metrics from eu-west");
        assertThat(alerts().get(1).at()).isEqualTo(back);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRestoredOperatorResolvesWhatItRaisedBefore() throws Exception {
        send(harness, AlertInput.of(oscillation(START)), START);
        Alert raised = alerts().get(0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (var restored = newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            // The same match again after the restore (a replay) raises nothing new...
            send(restored, AlertInput.of(oscillation(START)), START);
            assertThat(restored.extractOutputValues()).isEmpty();
            // ...and the timer survived: calm resolves the alert raised before the snapshot.
            restored.processWatermark(new Watermark(START.plus(CALM).toEpochMilli()));

            List<Alert> out = restored.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).alertId()).isEqualTo(raised.alertId());
            assertThat(out.get(0).status()).isEqualTo(Alert.RESOLVED);
        }
    }
}
