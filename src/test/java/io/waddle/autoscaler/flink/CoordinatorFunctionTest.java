package io.waddle.autoscaler.flink;

import static io.waddle.autoscaler.testing.Decisions.hold;
import static io.waddle.autoscaler.testing.Decisions.scale;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.PlatformState;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.CoordinatorInput;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant SLIDE_LATER = START.plusSeconds(15);
    private static final Instant TWO_SLIDES_LATER = START.plusSeconds(30);

    private KeyedOneInputStreamOperatorTestHarness<String, CoordinatorInput, ScalingCommand>
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

    private static KeyedOneInputStreamOperatorTestHarness<String, CoordinatorInput, ScalingCommand>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new CoordinatorFunction(Defaults.coordinator(), Duration.ofSeconds(2))),
                in -> "waddle",
                Types.STRING);
    }

    /** A decision as the window operator's result carries it: stamped with the window end - 1. */
    private static void decide(
            KeyedOneInputStreamOperatorTestHarness<String, CoordinatorInput, ScalingCommand> h,
            Decision e)
            throws Exception {
        h.processElement(
                new StreamRecord<>(CoordinatorInput.of(e), e.decidedAt().toEpochMilli() - 1));
    }

    private static void watermark(
            KeyedOneInputStreamOperatorTestHarness<String, CoordinatorInput, ScalingCommand> h,
            long at)
            throws Exception {
        h.processWatermark(new Watermark(at));
    }

    private List<Decision> events() {
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
    void withinAPhaseCommandsGoOutByServiceAndRegionWhateverOrderTheyArrivedIn() throws Exception {
        // As scalers at parallelism 2 may deliver them: the later key first.
        decide(harness, scale(ServiceKind.COMPUTE, "search-api", 4, 6, START));
        decide(harness, scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START));
        watermark(harness, START.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::service)
                .containsExactly("chat-api", "search-api");
    }

    @Test
    void theActuationResultReleasesTheLockAtOnce() throws Exception {
        Decision first = scale(ServiceKind.DATABASE, "chat-db", 60, 80, START);
        decide(harness, first);
        watermark(harness, START.toEpochMilli() - 1);
        harness.processElement(
                new StreamRecord<>(
                        CoordinatorInput.of(
                                ActuationResult.applied(ScalingCommand.of(first), START))));
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
                .extracting(Decision::reason)
                .containsExactly(Reason.CPU_ABOVE_TARGET, Reason.LOCKED);
    }

    @Test
    void roundsThatComeDueTogetherAreCoordinatedInTimeOrder() throws Exception {
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, SLIDE_LATER));
        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(events())
                .extracting(Decision::reason)
                .containsExactly(Reason.CPU_ABOVE_TARGET, Reason.DUPLICATE_IN_FLIGHT);
    }

    @Test
    void aRoundWhoseWatermarkNeverComesGoesOutAfterTheRoundTimeout() throws Exception {
        harness.setProcessingTime(1_000);
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        decide(harness, hold(ServiceKind.CACHE, "sessions", 4, START));
        harness.setProcessingTime(2_999);
        List<ScalingCommand> before = List.copyOf(harness.extractOutputValues());
        harness.setProcessingTime(3_000);

        assertThat(before).isEmpty();
        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::to)
                .containsExactly(80);
        assertThat(events()).hasSize(2);
        // The watermark coming later finds nothing left to do.
        watermark(harness, START.toEpochMilli() - 1);
        assertThat(events()).hasSize(2);
    }

    /**
     * Under load: event time moves, but passes the round only after the round timeout, and one of
     * its decisions comes late. The round waits for event time and goes out whole.
     */
    @Test
    void aRoundWaitsPastTheTimeoutWhileEventTimeMovesAndGoesOutWhole() throws Exception {
        watermark(harness, START.minusSeconds(30).toEpochMilli() - 1);
        harness.setProcessingTime(1_000);
        decide(harness, scale(ServiceKind.DATABASE, "chat-db", 60, 80, START));
        harness.setProcessingTime(2_000);
        watermark(harness, START.minusSeconds(15).toEpochMilli() - 1);
        harness.setProcessingTime(3_000);
        assertThat(harness.extractOutputValues()).as("not out at the timeout").isEmpty();

        decide(harness, hold(ServiceKind.CACHE, "sessions", 4, START));
        watermark(harness, START.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues())
                .extracting(ScalingCommand::to)
                .containsExactly(80);
        assertThat(events()).hasSize(2);
    }

    @Test
    void aRoundLeavesNoBufferedDecisionsOrTimersBehind() throws Exception {
        decide(harness, hold(ServiceKind.COMPUTE, "chat-api", 12, START));
        decide(harness, hold(ServiceKind.COMPUTE, "chat-api", 12, SLIDE_LATER));
        // The buffered decisions and when their rounds began.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // both came at one instant

        watermark(harness, START.toEpochMilli() - 1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(harness, SLIDE_LATER.toEpochMilli() - 1);
        // Only the platform's store remains: the service's entry, its region's compute total,
        // the service's regions, the buckets of when services were seen with their link, and the
        // store's progress. The round buffer and the round arrivals are empty.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(6);
        assertThat(harness.numEventTimeTimers()).isZero();
        // The round timeouts still fire, and find nothing to do.
        harness.setProcessingTime(Long.MAX_VALUE / 2);
        assertThat(harness.numProcessingTimeTimers()).isZero();
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
                    .containsExactly(Reason.DUPLICATE_IN_FLIGHT, Reason.LOCKED);
        }
    }

    @Test
    void aPlatformSavedAsOneValueByAnEarlierVersionIsMovedIntoTheStore() throws Exception {
        // What an earlier version kept: the whole platform in one value, a command in flight.
        PlatformState old =
                new Coordinator(Defaults.coordinator())
                        .coordinate(
                                PlatformState.empty(),
                                List.of(scale(ServiceKind.DATABASE, "chat-db", 60, 80, START)),
                                START)
                        .next();
        OperatorSubtaskState saved;
        try (var earlier =
                new KeyedOneInputStreamOperatorTestHarness<
                        String, CoordinatorInput, ScalingCommand>(
                        new KeyedProcessOperator<>(new OneValuePlatform(old)),
                        in -> "waddle",
                        Types.STRING)) {
            earlier.open();
            earlier.processElement(
                    new StreamRecord<>(
                            CoordinatorInput.of(hold(ServiceKind.CACHE, "sessions", 4, START)), 0));
            saved = earlier.snapshot(1L, 0L);
        }

        try (var restored = newHarness()) {
            restored.setup();
            restored.initializeState(saved);
            restored.open();
            decide(restored, scale(ServiceKind.DATABASE, "chat-db", 60, 80, SLIDE_LATER));
            watermark(restored, SLIDE_LATER.toEpochMilli() - 1);

            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.getSideOutput(CoordinatorFunction.EVENTS))
                    .extracting(r -> r.getValue().reason())
                    .containsExactly(Reason.DUPLICATE_IN_FLIGHT);
        }
    }

    /** The earlier version's state: the platform as one value under the name "platform". */
    private static final class OneValuePlatform
            extends KeyedProcessFunction<String, CoordinatorInput, ScalingCommand> {
        private final PlatformState value;
        private transient ValueState<PlatformState> platform;

        OneValuePlatform(PlatformState value) {
            this.value = value;
        }

        @Override
        public void open(OpenContext ctx) {
            platform =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("platform", PlatformState.class));
        }

        @Override
        public void processElement(CoordinatorInput in, Context ctx, Collector<ScalingCommand> out)
                throws Exception {
            platform.update(value);
        }
    }
}
