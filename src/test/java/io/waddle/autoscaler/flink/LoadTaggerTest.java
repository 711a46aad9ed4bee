package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.testing.Defaults;
import io.waddle.autoscaler.testing.PolicyUpdates;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Each compute window becomes a load point with the thresholds of the policy in force. */
class LoadTaggerTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    @Test
    void aPublishedPolicysSpikeAndLowSettingsReachThePointsFromTheNextWindowOn() throws Exception {
        try (BroadcastOperatorTestHarness<
                        io.waddle.autoscaler.core.model.WindowedMetrics, PolicyUpdate, LoadPoint>
                h =
                        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                                new LoadTagger(Defaults.settings()), PolicyBookFunction.POLICIES)) {
            h.processElement(
                    WindowBuilder.endingAt(START).instances(10).cpu(50).rpsPerInstance(20).build(),
                    START.toEpochMilli() - 1);
            h.processBroadcastElement(
                    PolicyUpdates.of(
                            "{\"schema_version\":1,\"policy_id\":\"chat\",\"version\":1,"
                                    + "\"applies_to\":{\"service\":\"chat-api\"},"
                                    + "\"compute\":{\"scale_down_threshold_percent\":20},"
                                    + "\"behavior\":{\"scale_down\":{\"stabilization_s\":600}},"
                                    + "\"spike\":{\"min_rise_percent\":25,\"within_s\":120}}"),
                    START.toEpochMilli());
            Instant next = START.plusSeconds(15);
            h.processElement(
                    WindowBuilder.endingAt(next).instances(10).cpu(50).rpsPerInstance(20).build(),
                    next.toEpochMilli() - 1);
            // Only compute windows are load points.
            h.processElement(
                    WindowBuilder.endingAt(next).kind(ServiceKind.CACHE).service("cache").build(),
                    next.toEpochMilli() - 1);

            List<LoadPoint> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            LoadPoint before = out.get(0);
            LoadPoint after = out.get(1);
            assertThat(before.requestRate()).isEqualTo(200);
            assertThat(before.cpuPercent()).isEqualTo(50);
            assertThat(before.spikeMinRise()).isEqualTo(0.5);
            assertThat(before.spikeWithinMs()).isEqualTo(60_000);
            assertThat(before.lowCpuPercent()).isEqualTo(30);
            assertThat(before.lowForMs()).isEqualTo(300_000);
            assertThat(after.spikeMinRise()).isEqualTo(0.25);
            assertThat(after.spikeWithinMs()).isEqualTo(120_000);
            assertThat(after.lowCpuPercent()).isEqualTo(20);
            assertThat(after.lowForMs()).isEqualTo(600_000);
        }
    }
}
