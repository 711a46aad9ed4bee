package io.waddle.autoscaler.flink.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.patterns.PatternHorizons;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A service that stops reporting leaves nothing in the job's four CEP operators once its last
 * partial match has passed its pattern's horizon: Flink CEP (2.3) clears a key's automaton when
 * only its start state is left, and its shared buffer and event queue empty as matches expire. This
 * is each pattern as the job builds it, in the operator {@code CEP.pattern(...).inEventTime()}
 * creates; the test guards the behaviour against a Flink upgrade, since the job adds no cleanup of
 * its own there. The horizons bound how long: 10 minutes (spike), 2 hours (sustained low, a
 * policy's longest stabilization window), the oscillation options' horizon and flip window.
 */
class CepStateCleanupTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final OscillationRule.Config OSCILLATION =
            AutoscalerOptions.serviceSettings(new Configuration()).patterns().oscillation();

    private static <T> KeyedOneInputStreamOperatorTestHarness<String, T, PatternMatch> harness(
            Class<T> type,
            Pattern<T, ?> pattern,
            PatternProcessFunction<T, PatternMatch> matches,
            KeySelector<T, String> key)
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new CepOperator<T, String, PatternMatch>(
                                TypeInformation.of(type)
                                        .createSerializer(new SerializerConfigImpl()),
                                false,
                                NFACompiler.compileFactory(pattern, false),
                                null,
                                pattern.getAfterMatchSkipStrategy(),
                                matches,
                                null),
                        key,
                        Types.STRING);
        h.open();
        return h;
    }

    /**
     * Events every 15 s for {@code minutes}, each followed by its watermark; then the watermark
     * alone, 15 s at a time, to {@code horizon} past the last event. The key's state is checked
     * while it reports and once the horizon has passed.
     */
    private static <T> void reportThenGoSilent(
            KeyedOneInputStreamOperatorTestHarness<String, T, PatternMatch> h,
            Function<Integer, T> eventAt,
            int minutes,
            Duration horizon)
            throws Exception {
        int end = minutes * 60;
        for (int s = 0; s < end; s += 15) {
            long at = START.plusSeconds(s).toEpochMilli();
            h.processElement(new StreamRecord<>(eventAt.apply(s), at));
            h.processWatermark(new Watermark(at));
        }
        assertThat(h.numKeyedStateEntries()).as("while reporting").isPositive();
        long silentUntil = end + horizon.toSeconds() + 60;
        for (long s = end; s <= silentUntil; s += 15) {
            h.processWatermark(new Watermark(START.plusSeconds(s).toEpochMilli()));
        }
        assertThat(h.numKeyedStateEntries()).as("after the horizon").isZero();
        assertThat(h.numEventTimeTimers()).as("timers after the horizon").isZero();
    }

    private static LoadPoint load(int seconds, double rate, double cpu) {
        return new LoadPoint(
                "chat-api",
                "eu-west",
                START.plusSeconds(seconds),
                rate,
                cpu,
                true,
                0.5,
                60_000,
                1.0,
                30,
                // The longest stabilization window a policy may give: the low run cannot complete.
                PatternHorizons.MAX_LOW_SPAN.toMillis());
    }

    private static ActionPoint action(int seconds) {
        // Up, then down, then up: direction changes every action, four actions a minute.
        long seq = seconds / 15;
        return new ActionPoint(
                "chat-api", "eu-west", START.plusSeconds(seconds), seq, seq % 2 == 0);
    }

    @Test
    void theSpikePatternForgetsASilentService() throws Exception {
        try (var h =
                harness(
                        LoadPoint.class,
                        ScalingPatterns.spike(),
                        new ScalingPatterns.SpikeMatches(),
                        LoadPoint::serviceRegionKey)) {
            reportThenGoSilent(h, s -> load(s, 100, 60), 20, PatternHorizons.MAX_SPIKE_SPAN);
        }
    }

    @Test
    void theSustainedLowPatternForgetsASilentServiceAfterItsLongestRun() throws Exception {
        try (var h =
                harness(
                        LoadPoint.class,
                        ScalingPatterns.sustainedLow(),
                        new ScalingPatterns.LowMatches(),
                        LoadPoint::serviceRegionKey)) {
            reportThenGoSilent(h, s -> load(s, 100, 10), 20, PatternHorizons.MAX_LOW_SPAN);
        }
    }

    @Test
    void bothOscillationPatternsForgetASilentService() throws Exception {
        try (var changes =
                harness(
                        ActionPoint.class,
                        ScalingPatterns.directionChanges(
                                OSCILLATION.lastActions(),
                                OSCILLATION.maxChanges(),
                                OSCILLATION.horizon()),
                        new ScalingPatterns.OscillationMatches("within the last actions"),
                        ActionPoint::serviceRegionKey)) {
            reportThenGoSilent(changes, CepStateCleanupTest::action, 20, OSCILLATION.horizon());
            assertThat(changes.extractOutputValues())
                    .as("it did match while reporting")
                    .isNotEmpty();
        }
        try (var flips =
                harness(
                        ActionPoint.class,
                        ScalingPatterns.flipsWithin(
                                OSCILLATION.maxFlips(), OSCILLATION.flipWindow()),
                        new ScalingPatterns.OscillationMatches("within the flip window"),
                        ActionPoint::serviceRegionKey)) {
            reportThenGoSilent(flips, CepStateCleanupTest::action, 20, OSCILLATION.flipWindow());
            assertThat(flips.extractOutputValues()).as("it did match while reporting").isNotEmpty();
        }
    }
}
