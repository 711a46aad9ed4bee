package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The windowing stage as the job builds it (60 s windows sliding by 15 s on 15 s panes, late data
 * to a side output): the same windows, timestamps and late samples as Flink's sliding event-time
 * windows.
 *
 * <pre>
 * samples:     t=5s t=10s
 * windows:  [-45s,15s) [-30s,30s) [-15s,45s) [0s,60s)     each fires when the watermark passes its end
 * </pre>
 */
class SlidingWindowFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final OutputTag<MetricSample> LATE = new OutputTag<>("late") {};
    private static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused") {};
    private static final int MAX_INSTANCES = 3;
    private static final int MAX_SERVICES = 3;
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new SlidingWindowFunction(
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(15),
                                LATE,
                                REFUSED,
                                MAX_INSTANCES,
                                MAX_SERVICES,
                                RETENTION)),
                MetricSample::serviceRegionKey,
                Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics> h,
            String instance,
            int second,
            double cpu)
            throws Exception {
        MetricSample s =
                SampleBuilder.compute("chat-api", "eu-west")
                        .instance(instance)
                        .at(START.plusSeconds(second))
                        .cpu(cpu)
                        .build();
        h.processElement(new StreamRecord<>(s, s.timestamp().toEpochMilli()));
    }

    private static void sendFrom(
            KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics> h,
            String service,
            int second)
            throws Exception {
        MetricSample s =
                SampleBuilder.compute(service, "eu-west")
                        .instance("i-1")
                        .at(START.plusSeconds(second))
                        .cpu(50)
                        .build();
        h.processElement(new StreamRecord<>(s, s.timestamp().toEpochMilli()));
    }

    private List<String> refusedServices(
            KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics> h) {
        var refused = h.getSideOutput(REFUSED);
        if (refused == null) {
            return List.of();
        }
        return refused.stream()
                .filter(r -> r.getValue().reason().equals(RejectReason.TOO_MANY_SERVICES.name()))
                .map(r -> r.getValue().origin())
                .toList();
    }

    /** The review's defect 7: nothing bounded the services a flood of made-up names creates. */
    @Test
    void aFloodOfNewServiceNamesIsRefusedPastTheBoundWhileTrackedServicesKeepReporting()
            throws Exception {
        for (String service : List.of("chat-api", "voice-relay", "presence", "fake-1", "fake-2")) {
            sendFrom(harness, service, 5);
        }
        harness.processWatermark(at(15));
        sendFrom(harness, "chat-api", 20);
        sendFrom(harness, "fake-3", 20);
        harness.processWatermark(at(30));

        assertThat(refusedServices(harness))
                .containsExactly("fake-1/eu-west/i-1", "fake-2/eu-west/i-1", "fake-3/eu-west/i-1");
        assertThat(harness.getSideOutput(REFUSED).peek().getValue().detail())
                .contains("autoscaler.metrics.max-services");
        assertThat(harness.extractOutputValues())
                .extracting(WindowedMetrics::service)
                .doesNotContain("fake-1", "fake-2", "fake-3")
                .contains("chat-api", "voice-relay", "presence");
    }

    @Test
    void aServiceSilentForTheRetentionFreesItsPlace() throws Exception {
        int retention = (int) RETENTION.toSeconds();
        for (int second = 5; second <= retention + 20; second += 15) {
            sendFrom(harness, "chat-api", second);
            sendFrom(harness, "voice-relay", second);
            if (second == 5) {
                sendFrom(harness, "presence", second);
            }
            harness.processWatermark(at(second));
        }
        sendFrom(harness, "media-cache", retention + 30);
        harness.processWatermark(at(retention + 90));

        assertThat(refusedServices(harness)).isEmpty();
        assertThat(harness.extractOutputValues())
                .extracting(WindowedMetrics::service)
                .contains("media-cache");
    }

    @Test
    void afterARestoreAServiceWithWindowStateKeepsItsPlaceEvenWhenAFloodCameFirst()
            throws Exception {
        sendFrom(harness, "chat-api", 5);
        OperatorSubtaskState snapshot = harness.snapshot(1L, at(5));
        try (var restored = newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            for (String fake : List.of("fake-1", "fake-2", "fake-3", "fake-4")) {
                sendFrom(restored, fake, 20);
            }
            sendFrom(restored, "chat-api", 20);
            restored.processWatermark(at(30));

            assertThat(refusedServices(restored)).containsExactly("fake-4/eu-west/i-1");
            assertThat(restored.extractOutputValues())
                    .filteredOn(w -> w.service().equals("chat-api"))
                    .isNotEmpty();
        }
    }

    private static long at(int second) {
        return START.plusSeconds(second).toEpochMilli();
    }

    @Test
    void emitsAWindowsStatisticsOnceTheWatermarkPassesItsEnd() throws Exception {
        send(harness, "i-1", 5, 80);
        send(harness, "i-2", 10, 40);
        harness.processWatermark(at(14));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at(15));

        List<WindowedMetrics> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(START.plusSeconds(15));
        assertThat(out.get(0).instances()).isEqualTo(2);
        assertThat(out.get(0).mean("cpu")).isEqualTo(60.0);
    }

    @Test
    void eachSampleCountsInFourOverlappingWindows() throws Exception {
        send(harness, "i-1", 5, 80);

        harness.processWatermark(at(60));

        assertThat(harness.extractOutputValues())
                .extracting(WindowedMetrics::windowEnd)
                .containsExactly(
                        START.plusSeconds(15),
                        START.plusSeconds(30),
                        START.plusSeconds(45),
                        START.plusSeconds(60));
    }

    @Test
    void sendsASampleWhoseWindowsHaveAllClosedToTheLateOutput() throws Exception {
        harness.processWatermark(at(100));

        send(harness, "i-1", 10, 80);

        assertThat(harness.getSideOutput(LATE))
                .extracting(r -> r.getValue().instanceId())
                .containsExactly("i-1");
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /** The review's defect 7: fake instance ids grew state and the inferred capacity unbounded. */
    @Test
    void aFloodOfNewInstanceIdsIsRefusedPastTheBoundWhileKnownInstancesKeepReporting()
            throws Exception {
        for (int i = 1; i <= 5; i++) {
            send(harness, "i-" + i, i, 50);
        }
        send(harness, "i-2", 10, 70);

        harness.processWatermark(at(15));

        assertThat(harness.extractOutputValues().get(0).instances()).isEqualTo(MAX_INSTANCES);
        assertThat(harness.getSideOutput(REFUSED))
                .extracting(
                        r -> RejectReason.valueOf(r.getValue().reason()),
                        r -> r.getValue().origin())
                .containsExactly(
                        tuple(RejectReason.TOO_MANY_INSTANCES, "chat-api/eu-west/i-4"),
                        tuple(RejectReason.TOO_MANY_INSTANCES, "chat-api/eu-west/i-5"));
    }

    @Test
    void leavesNoStateOrTimersOnceAllWindowsHaveFired() throws Exception {
        send(harness, "i-1", 5, 80);
        assertThat(harness.numEventTimeTimers()).isEqualTo(4);

        harness.processWatermark(at(60));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRestoredWindowStillHoldsTheSamplesBeforeTheSnapshot() throws Exception {
        send(harness, "i-1", 5, 80);
        OperatorSubtaskState snapshot = harness.snapshot(1L, at(5));

        try (KeyedOneInputStreamOperatorTestHarness<String, MetricSample, WindowedMetrics>
                restored = newHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, "i-2", 10, 40);
            restored.processWatermark(at(15));

            assertThat(restored.extractOutputValues().get(0).instances()).isEqualTo(2);
        }
    }

    @Test
    void aSampleTouchesOnePaneHoweverManyWindowsHoldIt() throws Exception {
        send(harness, "i-1", 5, 80);
        send(harness, "i-1", 7, 60);

        // One pane (one map entry) for both samples, four windows open on it.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(4);
    }

    @Test
    void aWindowMergesItsPanesAndEachInstanceCountsOnce() throws Exception {
        send(harness, "i-1", 5, 80); // pane [0, 15)
        send(harness, "i-1", 20, 40); // pane [15, 30)
        send(harness, "i-2", 50, 10); // pane [45, 60)

        harness.processWatermark(at(60));

        List<WindowedMetrics> out = harness.extractOutputValues();
        WindowedMetrics last = out.get(out.size() - 1);
        assertThat(last.windowStart()).isEqualTo(START);
        assertThat(last.windowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(last.instances()).isEqualTo(2);
        // i-1 averages 60 over its two samples, i-2 is 10: the mean of the instance means.
        assertThat(last.mean("cpu")).isEqualTo(35.0);
        // Each window carries its last millisecond, as Flink's windows do.
        assertThat(harness.extractOutputStreamRecords())
                .last()
                .extracting(r -> r.getTimestamp())
                .isEqualTo(at(60) - 1);
    }

    @Test
    void aSampleWhoseFirstWindowsClosedStillCountsInTheOpenOnes() throws Exception {
        harness.processWatermark(at(30));

        send(harness, "i-1", 10, 80); // windows ending 15 and 30 have closed; 45 and 60 are open
        harness.processWatermark(at(60));

        assertThat(harness.getSideOutput(LATE)).isNull();
        assertThat(harness.extractOutputValues())
                .extracting(WindowedMetrics::windowEnd)
                .containsExactly(START.plusSeconds(45), START.plusSeconds(60));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
