package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Limit;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyMode;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalerInput;
import io.waddle.autoscaler.core.model.ScalingAction;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.policy.PolicyBook;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.testing.Defaults;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyScalingFunctionTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant FIFTEEN_SECONDS_LATER = START.plusSeconds(15);
    private static final Instant THIRTY_SECONDS_LATER = START.plusSeconds(30);
    private static final Duration IDLE_RETENTION = Duration.ofHours(1);
    private static final int MAX_PARALLELISM = 128;

    private final PolicyBook book = new PolicyBook();
    private final Map<String, Long> versions = new HashMap<>();
    private final List<PolicyEvent> policyEvents = new ArrayList<>();

    private KeyedTwoInputStreamOperatorTestHarness<String, ScalerInput, PolicyUpdate, Decision>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness(1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, ScalerInput, PolicyUpdate, Decision>
            newHarness(int parallelism, int subtask) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new PolicyScalingFunction(
                                Defaults.settings(), 8, IDLE_RETENTION, Duration.ofSeconds(2)),
                        List.of(PolicyBookFunction.POLICIES)),
                ScalerInput::serviceRegionKey,
                null,
                Types.STRING,
                MAX_PARALLELISM,
                parallelism,
                subtask);
    }

    private static String policy(String id, long version, String body) {
        return "{\"schema_version\":1,\"policy_id\":\""
                + id
                + "\",\"version\":"
                + version
                + (body.isEmpty() ? "" : "," + body)
                + "}";
    }

    /**
     * A record of the policy topic, through the policy book upstream (plain Java here, keyed in the
     * job) and, if it changes the policies, to {@code h}.
     */
    private void publish(
            KeyedTwoInputStreamOperatorTestHarness<String, ScalerInput, PolicyUpdate, Decision> h,
            String id,
            String json)
            throws Exception {
        PolicyBook.Outcome o =
                book.apply(versions.get(id), new PolicyRecord(id, json, "policies-0@1", START));
        versions.put(id, o.versionInForce());
        policyEvents.add(o.event());
        if (o.update() != null) {
            h.processElement2(new StreamRecord<>(o.update()));
        }
    }

    private static void send(
            KeyedTwoInputStreamOperatorTestHarness<String, ScalerInput, PolicyUpdate, Decision> h,
            WindowedMetrics w)
            throws Exception {
        // A window is decided once event time passes it.
        h.processElement1(new StreamRecord<>(ScalerInput.of(w), w.windowEnd().toEpochMilli() - 1));
        h.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        w.windowEnd().toEpochMilli() - 1));
    }

    private Decision last() {
        List<Decision> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private List<PolicyEvent> policyEvents() {
        return List.copyOf(policyEvents);
    }

    @Test
    void withoutAPolicyTheJobOptionsApplyAndTheEventSaysSo() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());

        assertThat(last().to()).isEqualTo(13);
        assertThat(last().policy().id()).isEqualTo("builtin");
    }

    @Test
    void aPublishedPolicyGovernsTheNextEvaluationAndIsNamedInItsEvent() throws Exception {
        publish(
                harness,
                "chat",
                policy(
                        "chat",
                        3,
                        "\"applies_to\":{\"service\":\"chat-api\"},\"compute\":{\"max_instances\":11}"));

        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());

        assertThat(last().to()).isEqualTo(11);
        assertThat(last().limits()).containsExactly(Limit.MAX_INSTANCES);
        assertThat(last().policy().id()).isEqualTo("chat");
        assertThat(last().policy().version()).isEqualTo(3);
        assertThat(policyEvents()).extracting(PolicyEvent::outcome).containsExactly("ACCEPTED");
    }

    @Test
    void aLowerMaxScalesDownAtTheNextEvaluation() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build()); // 10 -> 13

        publish(harness, "chat", policy("chat", 1, "\"compute\":{\"max_instances\":8}"));
        send(harness, WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(13).cpu(70).build());

        assertThat(last().action()).isEqualTo(ScalingAction.SCALE_DOWN);
        assertThat(last().to()).isEqualTo(8);
        assertThat(last().reason()).isEqualTo(Reason.ABOVE_MAX_INSTANCES);
    }

    @Test
    void anInvalidPolicyIsRejectedWithItsFieldAndThePreviousOneStaysInForce() throws Exception {
        publish(harness, "chat", policy("chat", 1, "\"compute\":{\"max_instances\":11}"));
        publish(
                harness,
                "chat",
                policy("chat", 2, "\"compute\":{\"min_instances\":50,\"max_instances\":5}"));

        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());

        PolicyEvent rejected = policyEvents().get(1);
        assertThat(rejected.outcome()).isEqualTo("REJECTED");
        assertThat(rejected.field()).isEqualTo("compute.min_instances");
        assertThat(rejected.reason()).contains("min_instances 50 is above max_instances 5");
        assertThat(rejected.versionInForce()).isEqualTo(1L);
        assertThat(last().to()).isEqualTo(11);
        assertThat(last().policy().version()).isEqualTo(1);
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() throws Exception {
        publish(harness, "chat", policy("chat", 5, "\"compute\":{\"max_instances\":11}"));
        publish(harness, "chat", policy("chat", 4, "\"compute\":{\"max_instances\":50}"));

        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());

        assertThat(policyEvents())
                .extracting(PolicyEvent::outcome)
                .containsExactly("ACCEPTED", "STALE");
        assertThat(last().to()).isEqualTo(11);
    }

    @Test
    void aTombstoneDeletesThePolicy() throws Exception {
        publish(harness, "chat", policy("chat", 1, "\"compute\":{\"max_instances\":11}"));
        publish(harness, "chat", null);

        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());

        assertThat(policyEvents())
                .extracting(PolicyEvent::outcome)
                .containsExactly("ACCEPTED", "DELETED");
        assertThat(last().to()).isEqualTo(13);
        assertThat(last().policy().id()).isEqualTo("builtin");
    }

    @Test
    void aRecordWhoseKeyIsNotItsPolicyIdIsRejected() throws Exception {
        publish(harness, "other", policy("chat", 1, ""));

        assertThat(policyEvents().get(0).field()).isEqualTo("policy_id");
    }

    @Test
    void dryRunLogsTheDecisionButIssuesNoCommandAndKeepsTrackingReality() throws Exception {
        publish(harness, "try", policy("try", 1, "\"mode\":\"dry-run\""));

        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build());
        send(harness, WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(10).cpu(91).build());

        assertThat(last().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(last().reason()).isEqualTo(Reason.DRY_RUN);
        assertThat(last().from()).isEqualTo(10);
        assertThat(last().recommended()).isEqualTo(13);
        assertThat(last().commandId()).isNull();
        assertThat(last().policy().mode()).isEqualTo(PolicyMode.DRY_RUN);
    }

    private static WindowedMetrics ofKind(
            ServiceKind kind, String service, Map<String, GaugeStats> gauges, int n) {
        return new WindowedMetrics(
                service, "eu-west", kind, START.minusSeconds(60), START, n, gauges);
    }

    @Test
    void webRtcRelaysScaleOnTheirConnections() throws Exception {
        send(
                harness,
                ofKind(
                        ServiceKind.WEBRTC,
                        "relay",
                        Map.of("connections", new GaugeStats(4, 6_500, 1_700)),
                        4));

        assertThat(last().kind()).isEqualTo(ServiceKind.WEBRTC);
        assertThat(last().to()).isEqualTo(7);
        assertThat(last().reason()).isEqualTo(Reason.CONNECTIONS_ABOVE_CAPACITY);
    }

    @Test
    void aDatabasePoolIsHeldByTheReplicationLagGuard() throws Exception {
        Map<String, GaugeStats> g =
                Map.of(
                        "active_connections", new GaugeStats(2, 100, 60),
                        "queue_depth", new GaugeStats(2, 40, 20),
                        "replication_lag_s", new GaugeStats(2, 90, 45));
        WindowedMetrics first = ofKind(ServiceKind.DATABASE, "chat-db", g, 2);
        send(harness, first);
        send(
                harness,
                new WindowedMetrics(
                        "chat-db",
                        "eu-west",
                        ServiceKind.DATABASE,
                        START,
                        START.plusSeconds(60),
                        2,
                        g));

        assertThat(last().kind()).isEqualTo(ServiceKind.DATABASE);
        assertThat(last().reason()).isEqualTo(Reason.REPLICATION_LAG_GUARD);
    }

    @Test
    void aCacheScalesOnItsMemoryUse() throws Exception {
        double gib = 1L << 30;
        send(
                harness,
                ofKind(
                        ServiceKind.CACHE,
                        "sessions-cache",
                        Map.of(
                                "used_memory_bytes",
                                new GaugeStats(4, 20 * gib, 5 * gib),
                                "hit_rate",
                                new GaugeStats(4, 3.6, 0.9)),
                        4));

        assertThat(last().kind()).isEqualTo(ServiceKind.CACHE);
        assertThat(last().to()).isEqualTo(7);
        assertThat(last().reason()).isEqualTo(Reason.MEMORY_ABOVE_CAPACITY);
    }

    @Test
    void aDryRunPolicyHoldsRelaysToo() throws Exception {
        publish(harness, "try", policy("try", 1, "\"mode\":\"dry-run\""));

        send(
                harness,
                ofKind(
                        ServiceKind.WEBRTC,
                        "relay",
                        Map.of("connections", new GaugeStats(4, 6_500, 1_700)),
                        4));

        assertThat(last().outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(last().reason()).isEqualTo(Reason.DRY_RUN);
        assertThat(last().recommended()).isEqualTo(7);
    }

    @Test
    void theStateOfAServiceThatStoppedReportingIsClearedButPoliciesStay() throws Exception {
        publish(harness, "chat", policy("chat", 1, "\"compute\":{\"max_instances\":11}"));
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        START.plus(IDLE_RETENTION).toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        send(
                harness,
                WindowBuilder.endingAt(START.plus(IDLE_RETENTION).plusSeconds(15))
                        .instances(10)
                        .cpu(91)
                        .build());
        assertThat(last().policy().id()).isEqualTo("chat");
    }

    @Test
    void aRestoredOperatorKeepsItsPoliciesAndScalerState() throws Exception {
        publish(harness, "chat", policy("chat", 1, "\"compute\":{\"max_instances\":40}"));
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(91).build()); // 10 -> 13
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (var restored = newHarness(1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            send(
                    restored,
                    WindowBuilder.endingAt(THIRTY_SECONDS_LATER).instances(13).cpu(91).build());

            Decision next = restored.extractOutputValues().get(0);
            assertThat(next.from()).isEqualTo(13);
            assertThat(next.policy().id()).isEqualTo("chat");
        }
    }

    @Test
    void rescalingFromOneToTwoInstancesKeepsThePoliciesOnBoth() throws Exception {
        publish(harness, "all", policy("all", 1, "\"compute\":{\"max_instances\":11}"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        for (int subtask = 0; subtask < 2; subtask++) {
            String service = serviceOwnedBy(subtask);
            try (var rescaled = newHarness(2, subtask)) {
                rescaled.initializeState(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                snapshot, MAX_PARALLELISM, 1, 2, subtask));
                rescaled.open();
                WindowedMetrics w = WindowBuilder.endingAt(START).instances(10).cpu(91).build();
                send(
                        rescaled,
                        new WindowedMetrics(
                                service,
                                w.region(),
                                w.kind(),
                                w.windowStart(),
                                w.windowEnd(),
                                w.instances(),
                                w.gauges()));

                Decision e = rescaled.extractOutputValues().get(0);
                assertThat(e.policy().id()).as("subtask " + subtask).isEqualTo("all");
                assertThat(e.to()).isEqualTo(11);
            }
        }
    }

    /** A service name whose key the given one of two subtasks owns. */
    private static String serviceOwnedBy(int subtask) {
        for (int i = 0; ; i++) {
            String service = "svc-" + i;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            service + "/eu-west", MAX_PARALLELISM, 2)
                    == subtask) {
                return service;
            }
        }
    }

    private static WindowedMetrics pool(Instant end, double poolSize, double workers) {
        return WindowBuilder.endingAt(end)
                .service("chat-db")
                .kind(ServiceKind.DATABASE)
                .instances(2)
                .gauge("pool_size", poolSize / 2)
                .gauge("client_instances", workers / 2)
                .gauge("active_connections", poolSize / 4)
                .gauge("queue_depth", 0)
                .gauge("query_time_ms", 8)
                .gauge("replication_lag_s", 0.5)
                .build();
    }

    @Test
    void aPoolIsSizedFromTheComputeWorkersItsProxiesCount() throws Exception {
        send(harness, pool(START, 100, 14));

        Decision e = last();
        assertThat(e.kind()).isEqualTo(ServiceKind.DATABASE);
        assertThat(e.to()).isEqualTo(140); // 14 workers x 10
        assertThat(e.reason()).isEqualTo(Reason.WORKERS_NEED_CONNECTIONS);
    }

    @Test
    void aPoolTheCoordinatorGrewIsThePoolsSizeFromThenOn() throws Exception {
        send(harness, pool(START, 100, 10)); // 10 workers x 10: holds at 100
        // The coordinator grew it to 216 for a compute scale-up; the proxies report it.
        send(harness, pool(THIRTY_SECONDS_LATER, 216, 18));

        Decision e = last();
        assertThat(e.from()).isEqualTo(216);
        assertThat(e.outcome())
                .isEqualTo(Outcome.SUPPRESSED); // 180 needed, but not idle for 300 s yet
        assertThat(e.reason()).isEqualTo(Reason.IDLE_TIMEOUT);
    }

    private static PatternMatch match(PatternMatch.Type type, double from, double to, Instant at) {
        return new PatternMatch(
                type, "chat-api", "eu-west", at.minusSeconds(60), at, from, to, 2, type.name());
    }

    private static void sendMatch(
            KeyedTwoInputStreamOperatorTestHarness<String, ScalerInput, PolicyUpdate, Decision> h,
            PatternMatch m)
            throws Exception {
        h.processElement1(new StreamRecord<>(ScalerInput.of(m), m.at().toEpochMilli() - 1));
    }

    @Test
    void aWindowIsDecidedWhenEventTimePassesItWithTheSpikeMatchedOnIt() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        WindowedMetrics spiking = WindowBuilder.endingAt(THIRTY_SECONDS_LATER).cpu(90).build();
        harness.processElement1(
                new StreamRecord<>(
                        ScalerInput.of(spiking), THIRTY_SECONDS_LATER.toEpochMilli() - 1));
        // Not decided yet: the CEP pattern may still report a match on this window.
        assertThat(harness.extractOutputValues()).hasSize(1);
        sendMatch(harness, match(PatternMatch.Type.SPIKE, 100, 160, THIRTY_SECONDS_LATER));
        harness.processBothWatermarks(new Watermark(THIRTY_SECONDS_LATER.toEpochMilli() - 1));

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(last().reason()).isEqualTo(Reason.SPIKE_EMERGENCY);
        assertThat(last().to()).isEqualTo(18);
    }

    @Test
    void aMatchForAWindowAlreadyDecidedIsDroppedNotAppliedToALaterOne() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        sendMatch(harness, match(PatternMatch.Type.SPIKE, 100, 160, START));
        send(harness, WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(10).cpu(70).build());

        assertThat(harness.extractOutputValues())
                .extracting(Decision::reason)
                .doesNotContain(Reason.SPIKE_EMERGENCY);
        // Nothing of the late match is kept: the same state as without it.
        try (var without = newHarness(1, 0)) {
            without.open();
            send(without, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
            send(
                    without,
                    WindowBuilder.endingAt(FIFTEEN_SECONDS_LATER).instances(10).cpu(70).build());
            assertThat(harness.numKeyedStateEntries()).isEqualTo(without.numKeyedStateEntries());
        }
    }

    @Test
    void aSustainedLowRunMarksTheDecisionAsAScaleDownCandidate() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(20).build());
        WindowedMetrics low = WindowBuilder.endingAt(THIRTY_SECONDS_LATER).cpu(20).build();
        harness.processElement1(
                new StreamRecord<>(ScalerInput.of(low), THIRTY_SECONDS_LATER.toEpochMilli() - 1));
        sendMatch(harness, match(PatternMatch.Type.SUSTAINED_LOW, 20, 20, THIRTY_SECONDS_LATER));
        harness.processBothWatermarks(new Watermark(THIRTY_SECONDS_LATER.toEpochMilli() - 1));

        // Inside the 300 s stabilization since first sight the scaler holds: the note says so.
        assertThat(last().detail()).contains("scale-down candidate: SUSTAINED_LOW; held: ");
    }

    @Test
    void aRestoredOperatorDecidesThePendingWindowWithItsPendingMatch() throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        WindowedMetrics spiking = WindowBuilder.endingAt(THIRTY_SECONDS_LATER).cpu(90).build();
        harness.processElement1(
                new StreamRecord<>(
                        ScalerInput.of(spiking), THIRTY_SECONDS_LATER.toEpochMilli() - 1));
        sendMatch(harness, match(PatternMatch.Type.SPIKE, 100, 160, THIRTY_SECONDS_LATER));
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (var restored = newHarness(1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processBothWatermarks(new Watermark(THIRTY_SECONDS_LATER.toEpochMilli() - 1));

            List<Decision> out = restored.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).reason()).isEqualTo(Reason.SPIKE_EMERGENCY);
            assertThat(out.get(0).from()).isEqualTo(10);
        }
    }

    @Test
    void aWindowWhoseEventTimeIsHeldBackIsDecidedAfterTheDecisionTimeout() throws Exception {
        harness.setProcessingTime(1_000);
        WindowedMetrics w = WindowBuilder.endingAt(START).instances(10).cpu(91).build();
        harness.processElement1(new StreamRecord<>(ScalerInput.of(w), START.toEpochMilli() - 1));

        harness.setProcessingTime(2_999);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(3_000);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(last().to()).isEqualTo(13);
        // The watermark that comes later decides nothing twice.
        harness.processBothWatermarks(new Watermark(START.toEpochMilli()));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    /**
     *
     *
     * <pre>
     *   wall clock    0 ms: the window ending at START, decided
     *             1,000 ms: the window ending 30 s later arrives (CPU {@code cpu} %)
     *             2,000 ms: event time moves to 15 s later, short of it
     * </pre>
     */
    private void windowArrivesThenEventTimeMovesShortOfIt(double cpu) throws Exception {
        send(harness, WindowBuilder.endingAt(START).instances(10).cpu(70).build());
        harness.setProcessingTime(1_000);
        WindowedMetrics w = WindowBuilder.endingAt(THIRTY_SECONDS_LATER).cpu(cpu).build();
        harness.processElement1(
                new StreamRecord<>(ScalerInput.of(w), THIRTY_SECONDS_LATER.toEpochMilli() - 1));
        harness.setProcessingTime(2_000);
        harness.processBothWatermarks(new Watermark(FIFTEEN_SECONDS_LATER.toEpochMilli() - 1));
    }

    /**
     * A backlog or a slower pattern operator: event time moves, but passes the window only after
     * the decision timeout. The window waits for it and is decided with its spike.
     */
    @Test
    void aWindowWaitsPastTheTimeoutWhileEventTimeMovesAndIsDecidedWithItsMatch() throws Exception {
        windowArrivesThenEventTimeMovesShortOfIt(90);

        harness.setProcessingTime(3_000);
        assertThat(harness.extractOutputValues()).as("not decided at the timeout").hasSize(1);
        harness.setProcessingTime(4_500);
        sendMatch(harness, match(PatternMatch.Type.SPIKE, 100, 160, THIRTY_SECONDS_LATER));
        harness.processBothWatermarks(new Watermark(THIRTY_SECONDS_LATER.toEpochMilli() - 1));

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(last().reason()).isEqualTo(Reason.SPIKE_EMERGENCY);
        assertThat(harness.numProcessingTimeTimers()).isLessThanOrEqualTo(1);
    }

    /** Event time moved, then stood still: decided a whole timeout after it last moved. */
    @Test
    void aWindowIsDecidedOnceEventTimeHasStoodStillForTheTimeout() throws Exception {
        windowArrivesThenEventTimeMovesShortOfIt(91);

        // Seen moving at the timer at 3,000 ms: looked at again 2,000 ms later.
        harness.setProcessingTime(3_000);
        harness.setProcessingTime(4_999);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(5_000);

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(last().decidedAt()).isEqualTo(THIRTY_SECONDS_LATER);
        harness.processBothWatermarks(new Watermark(THIRTY_SECONDS_LATER.toEpochMilli() - 1));
        assertThat(harness.extractOutputValues()).as("nothing decided twice").hasSize(2);
    }

    private static void sendInventory(
            KeyedTwoInputStreamOperatorTestHarness<String, ScalerInput, PolicyUpdate, Decision> h,
            int capacity)
            throws Exception {
        h.processElement1(
                new StreamRecord<>(
                        ScalerInput.of(
                                ActuationResult.observed(
                                        "chat-api",
                                        "eu-west",
                                        ServiceKind.COMPUTE,
                                        capacity,
                                        START.minusSeconds(30)))));
    }

    /** 500 instance ids report, the actuator's inventory has 3: the scaler decides from 3. */
    @Test
    void theActuatorsInventoryIsTheCapacityNotTheInstanceIdsReporting() throws Exception {
        sendInventory(harness, 3);
        send(harness, WindowBuilder.endingAt(START).instances(500).cpu(20).build());

        assertThat(last().from()).isEqualTo(3);
        assertThat(last().to()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anInventoryIsKeptThroughARestoreAndForgottenAfterTheIdleRetention() throws Exception {
        harness.processBothWatermarks(new Watermark(START.toEpochMilli() - 15_001));
        sendInventory(harness, 3);
        OperatorSubtaskState snapshot = harness.snapshot(1L, START.toEpochMilli());

        try (var restored = newHarness(1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, WindowBuilder.endingAt(START).instances(500).cpu(20).build());
            List<Decision> out = restored.extractOutputValues();
            assertThat(out.get(out.size() - 1).from()).isEqualTo(3);
        }

        // A service the actuator knows but that never reports leaves nothing behind.
        harness.processBothWatermarks(
                new Watermark(START.minusSeconds(15).plus(IDLE_RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
