package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compute evaluation with what the patterns add: emergency scale-ups and damping. */
class ComputeEvaluatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private static PatternMatch spike(double from, double to, int seconds, Instant at) {
        return new PatternMatch(
                PatternMatch.Type.SPIKE,
                "chat-api",
                "eu-west",
                at.minusSeconds(seconds),
                at,
                from,
                to,
                2,
                "request rate " + (int) from + " -> " + (int) to);
    }

    private static ComputeScalerConfig withBounds(int min, int max, Duration upStabilization) {
        ComputeScalerConfig d = ComputeScalerConfig.defaults();
        return new ComputeScalerConfig(
                d.targetCpuPercent(),
                d.targetMemoryPercent(),
                d.targetRequestsPerInstance(),
                d.tolerance(),
                min,
                max,
                upStabilization,
                d.scaleDownStabilization(),
                d.cooldown(),
                d.scaleUp(),
                d.scaleDown(),
                d.targetResponseTimeMs());
    }

    /** Ten instances settled at 70 % CPU until {@code at}. */
    private static ComputeEvaluator.Evaluation settled(ComputeEvaluator e, Instant at) {
        return e.evaluate(
                null,
                null,
                null,
                WindowBuilder.endingAt(at).instances(10).cpu(70).build(),
                ComputeEvaluator.Matches.NONE,
                PolicyRef.BUILTIN);
    }

    private static ComputeEvaluator.Evaluation next(
            ComputeEvaluator e,
            ComputeEvaluator.Evaluation before,
            double cpu,
            Instant at,
            PatternMatch spike) {
        return e.evaluate(
                before.scalerState(),
                before.trend(),
                before.oscillation(),
                WindowBuilder.endingAt(at).instances(10).cpu(cpu).build(),
                new ComputeEvaluator.Matches(spike, null),
                PolicyRef.BUILTIN);
    }

    @Test
    void aSpikeScalesForTheLoadExpectedWhenNewCapacityServes() {
        ComputeEvaluator e =
                new ComputeEvaluator(ComputeScalerConfig.defaults(), 8, PatternSettings.defaults());
        Instant now = START.plusSeconds(60);
        ComputeEvaluator.Evaluation before = settled(e, START);

        ComputeEvaluator.Evaluation r = next(e, before, 90, now, spike(100, 160, 60, now));

        // Normal: ceil(10 x 90/70) = 13. The rate grew by 60 req/s in 60 s; at that pace it is
        // 220 req/s when the 60 s of provisioning have passed: ceil(10 x 90/70 x 220/160) = 18.
        assertThat(r.event().reason()).isEqualTo("SPIKE_EMERGENCY");
        assertThat(r.event().from()).isEqualTo(10);
        assertThat(r.event().to()).isEqualTo(18);
        assertThat(r.event().detail())
                .contains("request rate 100 -> 160 req/s in 60 s (+60 %)")
                .contains("220 req/s expected when new capacity serves in 60 s -> 18 instances")
                .contains("bypasses cooldown and stabilization");
        assertThat(r.scalerState().targetInstances()).isEqualTo(18);
        assertThat(r.scalerState().lastScaleAt()).isEqualTo(now);
        assertThat(r.scalerState().recommendations())
                .extracting(Recommendation::instances)
                .contains(18);
    }

    @Test
    void theEmergencyKeepsItsOwnRateLimitAndTheMax() {
        Instant now = START.plusSeconds(60);
        PatternMatch tenfold = spike(100, 1000, 60, now);
        ComputeEvaluator wide =
                new ComputeEvaluator(
                        withBounds(2, 100, Duration.ZERO), 8, PatternSettings.defaults());
        ComputeEvaluator narrow =
                new ComputeEvaluator(
                        withBounds(2, 30, Duration.ZERO), 8, PatternSettings.defaults());

        // CPU at 300 %: ceil(10 x 300/70 x 1.9) = 82 wanted.
        ComputeEvaluator.Evaluation limited = next(wide, settled(wide, START), 300, now, tenfold);
        ComputeEvaluator.Evaluation capped =
                next(narrow, settled(narrow, START), 300, now, tenfold);

        assertThat(limited.event().to()).isEqualTo(40);
        assertThat(limited.event().detail()).contains("(emergency limit 4x)");
        assertThat(capped.event().to()).isEqualTo(30);
        assertThat(capped.event().detail()).contains("(max 30)");
    }

    @Test
    void aSpikeAtTheMaxChangesNothingAndSaysWhy() {
        ComputeEvaluator e =
                new ComputeEvaluator(
                        withBounds(2, 10, Duration.ZERO), 8, PatternSettings.defaults());
        Instant now = START.plusSeconds(60);

        // Ten instances, the max, at 90 % CPU: the spike wants 18.
        ComputeEvaluator.Evaluation r =
                next(e, settled(e, START), 90, now, spike(100, 160, 60, now));

        assertThat(r.event().outcome()).isNotEqualTo("SCALE");
        assertThat(r.event().to()).isEqualTo(10);
        assertThat(r.event().detail()).contains("already at 10, the most it may have");
    }

    @Test
    void aSpikeTheCapacityHasHeadroomForNeedsNoEmergency() {
        ComputeEvaluator e =
                new ComputeEvaluator(ComputeScalerConfig.defaults(), 8, PatternSettings.defaults());
        Instant now = START.plusSeconds(60);

        // At 30 % CPU the expected 220 req/s need ceil(10 x 30/70 x 1.375) = 6 instances.
        ComputeEvaluator.Evaluation r =
                next(e, settled(e, START), 30, now, spike(100, 160, 60, now));

        assertThat(r.event().reason()).isNotEqualTo("SPIKE_EMERGENCY");
        assertThat(r.event().detail())
                .contains("the capacity has headroom for the load expected (6 needed)");
    }

    @Test
    void theEmergencyBypassesTheScaleUpStabilization() {
        // A 5-minute scale-up stabilization holds the normal decision at the earlier 10.
        ComputeEvaluator e =
                new ComputeEvaluator(
                        withBounds(2, 100, Duration.ofMinutes(5)), 8, PatternSettings.defaults());
        Instant now = START.plusSeconds(60);
        ComputeEvaluator.Evaluation before = settled(e, START);

        ComputeEvaluator.Evaluation held = next(e, before, 90, now, null);
        ComputeEvaluator.Evaluation emergency = next(e, before, 90, now, spike(100, 160, 60, now));

        assertThat(held.event().outcome()).isNotEqualTo("SCALE");
        assertThat(emergency.event().outcome()).isEqualTo("SCALE");
        assertThat(emergency.event().to()).isEqualTo(18);
    }

    @Test
    void aSpikeTheDecisionAlreadyCoversOnlyAddsANote() {
        ComputeEvaluator e =
                new ComputeEvaluator(ComputeScalerConfig.defaults(), 8, PatternSettings.defaults());
        Instant now = START.plusSeconds(60);
        ComputeEvaluator.Evaluation before = settled(e, START);

        // +50 % in 600 s projects little growth over 60 s (11 instances); memory asks for 20.
        ComputeEvaluator.Evaluation r =
                e.evaluate(
                        before.scalerState(),
                        before.trend(),
                        before.oscillation(),
                        WindowBuilder.endingAt(now).instances(10).cpu(70).memory(160).build(),
                        new ComputeEvaluator.Matches(spike(100, 150, 600, now), null),
                        PolicyRef.BUILTIN);

        assertThat(r.event().reason()).isEqualTo("MEMORY_ABOVE_TARGET");
        assertThat(r.event().to()).isEqualTo(20);
        assertThat(r.event().detail()).contains("this decision already covers it (11 wanted)");
    }

    @Test
    void spikeHandlingSwitchedOffIgnoresTheMatch() {
        PatternSettings off =
                PatternSettings.defaults()
                        .withSpike(false, SpikeRule.Config.defaults(), Duration.ofSeconds(60));
        ComputeEvaluator e = new ComputeEvaluator(ComputeScalerConfig.defaults(), 8, off);
        Instant now = START.plusSeconds(60);

        ComputeEvaluator.Evaluation r =
                next(e, settled(e, START), 90, now, spike(100, 160, 60, now));

        assertThat(r.event().reason()).isEqualTo("CPU_ABOVE_TARGET");
        assertThat(r.event().to()).isEqualTo(13);
    }

    /** CPU that swings each 6 minutes between busy and idle; the actions taken. */
    private static List<String> swing(PatternSettings patterns, int minutes) {
        ComputeScalerConfig fast =
                new ComputeScalerConfig(
                        70,
                        0,
                        0,
                        new Tolerance(0.1),
                        2,
                        100,
                        Duration.ZERO,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1),
                        ComputeScalerConfig.defaults().scaleUp(),
                        ComputeScalerConfig.defaults().scaleDown(),
                        0);
        ComputeEvaluator e = new ComputeEvaluator(fast, 8, patterns);
        ComputeEvaluator.Evaluation s = null;
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < minutes * 4; i++) {
            Instant at = START.plusSeconds(15L * i);
            boolean busy = (i / 24) % 2 == 0;
            int instances = s == null ? 10 : s.scalerState().targetInstances();
            double load = busy ? 1000 : 500; // CPU-seconds: 10 instances at 100 % / 50 %
            s =
                    e.evaluate(
                            s == null ? null : s.scalerState(),
                            s == null ? null : s.trend(),
                            s == null ? null : s.oscillation(),
                            WindowBuilder.endingAt(at)
                                    .instances(instances)
                                    .cpu(load / instances)
                                    .build(),
                            ComputeEvaluator.Matches.NONE,
                            PolicyRef.BUILTIN);
            if (s.event().outcome().equals("SCALE")) {
                actions.add(s.event().action() + " " + s.event().detail());
            }
        }
        return actions;
    }

    @Test
    void dampingCutsTheActionsOfAFlappingService() {
        List<String> undamped = swing(PatternSettings.defaults().withoutDamping(), 120);
        List<String> damped = swing(PatternSettings.defaults(), 120);

        assertThat(undamped.size()).as(String.join("\n", damped)).isGreaterThan(damped.size());
        assertThat(damped).anyMatch(a -> a.contains("oscillation: ") && a.contains("damping x2"));
    }
}
