package io.waddle.autoscaler.flink.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PatternMatch;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The spike pattern in the CEP operator, watermark by watermark: a spike is reported at the
 * watermark that passes its peak window, even while an earlier base still waits (the job decides
 * that window at the same watermark), and partial matches survive a snapshot and restore.
 */
class SpikeOperatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private static KeyedOneInputStreamOperatorTestHarness<String, LoadPoint, PatternMatch> harness()
            throws Exception {
        CepOperator<LoadPoint, String, PatternMatch> op =
                new CepOperator<>(
                        TypeInformation.of(LoadPoint.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(ScalingPatterns.spike(), false),
                        null,
                        AfterMatchSkipStrategy.noSkip(),
                        new ScalingPatterns.SpikeMatches(),
                        null);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                op, LoadPoint::serviceRegionKey, Types.STRING);
    }

    private static void window(
            KeyedOneInputStreamOperatorTestHarness<String, LoadPoint, PatternMatch> h,
            int seconds,
            double rate)
            throws Exception {
        Instant end = START.plusSeconds(seconds);
        LoadPoint p =
                new LoadPoint(
                        "chat-api", "eu-west", end, rate, 60, true, 0.5, 60_000, 1.0, 30, 300_000);
        h.processElement(new StreamRecord<>(p, end.toEpochMilli() - 1));
        h.processWatermark(new Watermark(end.toEpochMilli() - 1));
    }

    @Test
    void aSpikeIsReportedAtTheWatermarkOfItsPeakWhileAnEarlierBaseStillWaits() throws Exception {
        try (var h = harness()) {
            h.open();
            window(h, 0, 490); // waits for 735
            window(h, 15, 446); // waits for 669
            assertThat(h.extractOutputValues()).isEmpty();

            window(h, 30, 727);

            List<PatternMatch> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).fromValue()).isEqualTo(446);
            assertThat(out.get(0).at()).isEqualTo(START.plusSeconds(30));
        }
    }

    @Test
    void partialMatchesSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            window(h, 0, 100);
            window(h, 15, 110);
            snapshot = h.snapshot(1L, START.plusSeconds(15).toEpochMilli());
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            window(restored, 30, 170);

            assertThat(restored.extractOutputValues())
                    .extracting(PatternMatch::fromValue)
                    .containsExactly(100.0, 110.0);
        }
    }

    @Test
    void aKeyHoldsOnlyTheCandidatesOfItsSpanNotOfTheWholeHorizon() throws Exception {
        try (var h = harness()) {
            h.open();
            // A steady rate: every window can be a base, none is a peak. After 10 windows (2.5
            // min, past the 60 s span) and after 40 (the 10-minute horizon) a key holds about the
            // same: the candidates of its span (and CEP's count of events per timestamp, a few
            // bytes per window until the horizon: +8 %). The pattern before issue 12 kept every
            // window of the horizon: 40 windows held 69 % more than 10.
            for (int s = 0; s < 150; s += 15) {
                window(h, s, 100);
            }
            long afterTen = h.snapshot(1L, START.plusSeconds(150).toEpochMilli()).getStateSize();
            for (int s = 150; s < 600; s += 15) {
                window(h, s, 100);
            }
            long afterForty = h.snapshot(2L, START.plusSeconds(600).toEpochMilli()).getStateSize();
            assertThat(afterForty).isLessThanOrEqualTo(afterTen + afterTen * 15 / 100);

            // The four windows of the span are still candidates.
            window(h, 600, 160);
            assertThat(h.extractOutputValues()).hasSize(4);
        }
    }
}
