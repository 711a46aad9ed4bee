package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.model.WindowedMetrics;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
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

class ScalingFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant FIFTEEN_SECONDS_LATER = START.plusSeconds(15);
    private static final Duration IDLE_RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, WindowedMetrics, ScalingEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, WindowedMetrics, ScalingEvent>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new ScalingFunction(ComputeScalerConfig.defaults(), 8, IDLE_RETENTION)),
                WindowedMetrics::serviceRegionKey,
                Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, WindowedMetrics, ScalingEvent> h,
            WindowedMetrics w)
            throws Exception {
        h.processElement(new StreamRecord<>(w, w.windowEnd().toEpochMilli() - 1));
    }

    private List<ScalingEvent> events() {
        return harness.extractOutputValues();
    }

    @Test
    void emitsAScaleUpDecisionWithItsReasonAndObservations() throws Exception {
        send(
                harness,
                WindowBuilder.endingAt(START).instances(10).cpu(91).rpsPerInstance(50).build());

        ScalingEvent e = events().get(0);
        assertThat(e.outcome()).isEqualTo("SCALE");
        assertThat(e.action()).isEqualTo("scale_up");
        assertThat(e.from()).isEqualTo(10);
        assertThat(e.to()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("CPU_ABOVE_TARGET");
        assertThat(e.commandId()).isNotBlank();
        assertThat(e.observed().cpuMean()).isEqualTo(91.0);
        assertThat(e.observed().requestsPerSecond()).isEqualTo(500.0);
    }

    @Test
    void remembersTheDecidedCapacityForTheNextWindow() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());
        send(harness, WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(10).cpu(91).build());

        ScalingEvent second = events().get(1);
        assertThat(second.from()).isEqualTo(13);
        assertThat(second.outcome()).isEqualTo("NO_CHANGE"); // 3 starting instances count as idle
    }

    @Test
    void fitsTheLoadTrendOverRecentWindows() throws Exception {
        send(
                harness,
                WindowBuilder.endingAt(START).instances(10).cpu(70).rpsPerInstance(10).build());
        send(
                harness,
                WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER)
                        .instances(10)
                        .cpu(70)
                        .rpsPerInstance(13)
                        .build());

        // 100 -> 130 requests/s over 15 s
        assertThat(events().get(1).observed().loadSlopePerSecond()).isEqualTo(2.0);
    }

    @Test
    void leavesOtherServiceKindsToTheirOwnScalers() throws Exception {
        WindowedMetrics cache =
                new WindowedMetrics(
                        "sessions",
                        "eu-west",
                        ServiceKind.CACHE,
                        START.minusSeconds(60),
                        START,
                        3,
                        java.util.Map.of());

        send(harness, cache);

        assertThat(events()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void keepsOneCleanupTimerPerServiceHoweverManyWindows() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(
                    harness,
                    WindowBuilder.endingAt(START.plusSeconds(15L * i))
                            .instances(10)
                            .cpu(70)
                            .build());
        }

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void clearsAllStateOfAServiceThatStoppedReporting() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(START.plus(IDLE_RETENTION).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRestoredScalerContinuesFromTheDecidedCapacity() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (KeyedOneInputStreamOperatorTestHarness<String, WindowedMetrics, ScalingEvent>
                restored = newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            send(
                    restored,
                    WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(13).cpu(91).build());

            ScalingEvent next = restored.extractOutputValues().get(0);
            assertThat(next.from()).isEqualTo(13);
            assertThat(next.to()).isEqualTo(17); // ceil(13 * 91 / 70)
            assertThat(restored.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
