package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compute part of the service evaluation, with what the patterns add: emergency scale-ups and
 * damping.
 */
class ComputeEvaluationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    /** The evaluation of a compute service under {@code config} and {@code patterns}. */
    private record Eval(ServiceEvaluator evaluator, ServiceSettings settings) {
        Eval(ComputeScalerConfig config, PatternSettings patterns) {
            this(
                    new ServiceEvaluator(8),
                    Defaults.settings().withCompute(config).withPatterns(patterns));
        }

        ServiceEvaluator.Evaluation evaluate(ServiceState s, WindowedMetrics w, Matches m) {
            return evaluator.evaluate(s, w, m, settings);
        }
    }

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
        ComputeScalerConfig d = Defaults.compute();
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
    private static ServiceEvaluator.Evaluation settled(Eval e, Instant at) {
        return e.evaluate(
                null, WindowBuilder.endingAt(at).instances(10).cpu(70).build(), Matches.NONE);
    }

    private static ServiceEvaluator.Evaluation next(
            Eval e,
            ServiceEvaluator.Evaluation before,
            double cpu,
            Instant at,
            PatternMatch spike) {
        return e.evaluate(
                before.next(),
                WindowBuilder.endingAt(at).instances(10).cpu(cpu).build(),
                new Matches(spike, null));
    }

    @Test
    void aSpikeScalesForTheLoadExpectedWhenNewCapacityServes() {
        Eval e = new Eval(Defaults.compute(), Defaults.patterns());
        Instant now = START.plusSeconds(60);
        ServiceEvaluator.Evaluation before = settled(e, START);

        ServiceEvaluator.Evaluation r = next(e, before, 90, now, spike(100, 160, 60, now));

        // Normal: ceil(10 x 90/70) = 13. The rate grew by 60 req/s in 60 s; at that pace it is
        // 220 req/s when the 60 s of provisioning have passed: ceil(10 x 90/70 x 220/160) = 18.
        assertThat(r.decision().reason()).isEqualTo(Reason.SPIKE_EMERGENCY);
        assertThat(r.decision().from()).isEqualTo(10);
        assertThat(r.decision().to()).isEqualTo(18);
        assertThat(r.decision().detail())
                .contains("request rate 100 -> 160 req/s in 60 s (+60 %)")
                .contains("220 req/s expected when new capacity serves in 60 s -> 18 instances")
                .contains("bypasses cooldown and stabilization");
        assertThat(r.next().scaler().targetInstances()).isEqualTo(18);
        assertThat(r.next().scaler().lastScaleAt()).isEqualTo(now);
        assertThat(r.next().scaler().recommendations())
                .extracting(Recommendation::instances)
                .contains(18);
    }

    @Test
    void theEmergencyKeepsItsOwnRateLimitAndTheMax() {
        Instant now = START.plusSeconds(60);
        PatternMatch tenfold = spike(100, 1000, 60, now);
        Eval wide = new Eval(withBounds(2, 100, Duration.ZERO), Defaults.patterns());
        Eval narrow = new Eval(withBounds(2, 30, Duration.ZERO), Defaults.patterns());

        // CPU at 300 %: ceil(10 x 300/70 x 1.9) = 82 wanted.
        ServiceEvaluator.Evaluation limited = next(wide, settled(wide, START), 300, now, tenfold);
        ServiceEvaluator.Evaluation capped =
                next(narrow, settled(narrow, START), 300, now, tenfold);

        assertThat(limited.decision().to()).isEqualTo(40);
        assertThat(limited.decision().detail()).contains("(emergency limit 4x)");
        assertThat(capped.decision().to()).isEqualTo(30);
        assertThat(capped.decision().detail()).contains("(max 30)");
    }

    @Test
    void aSpikeAtTheMaxChangesNothingAndSaysWhy() {
        Eval e = new Eval(withBounds(2, 10, Duration.ZERO), Defaults.patterns());
        Instant now = START.plusSeconds(60);

        // Ten instances, the max, at 90 % CPU: the spike wants 18.
        ServiceEvaluator.Evaluation r =
                next(e, settled(e, START), 90, now, spike(100, 160, 60, now));

        assertThat(r.decision().outcome()).isNotEqualTo(Outcome.SCALE);
        assertThat(r.decision().to()).isEqualTo(10);
        assertThat(r.decision().detail()).contains("already at 10, the most it may have");
    }

    @Test
    void aSpikeTheCapacityHasHeadroomForNeedsNoEmergency() {
        Eval e = new Eval(Defaults.compute(), Defaults.patterns());
        Instant now = START.plusSeconds(60);

        // At 30 % CPU the expected 220 req/s need ceil(10 x 30/70 x 1.375) = 6 instances.
        ServiceEvaluator.Evaluation r =
                next(e, settled(e, START), 30, now, spike(100, 160, 60, now));

        assertThat(r.decision().reason()).isNotEqualTo(Reason.SPIKE_EMERGENCY);
        assertThat(r.decision().detail())
                .contains("the capacity has headroom for the load expected (6 needed)");
    }

    @Test
    void theEmergencyBypassesTheScaleUpStabilization() {
        // A 5-minute scale-up stabilization holds the normal decision at the earlier 10.
        Eval e = new Eval(withBounds(2, 100, Duration.ofMinutes(5)), Defaults.patterns());
        Instant now = START.plusSeconds(60);
        ServiceEvaluator.Evaluation before = settled(e, START);

        ServiceEvaluator.Evaluation held = next(e, before, 90, now, null);
        ServiceEvaluator.Evaluation emergency = next(e, before, 90, now, spike(100, 160, 60, now));

        assertThat(held.decision().outcome()).isNotEqualTo(Outcome.SCALE);
        assertThat(emergency.decision().outcome()).isEqualTo(Outcome.SCALE);
        assertThat(emergency.decision().to()).isEqualTo(18);
    }

    @Test
    void aSpikeTheDecisionAlreadyCoversOnlyAddsANote() {
        Eval e = new Eval(Defaults.compute(), Defaults.patterns());
        Instant now = START.plusSeconds(60);
        ServiceEvaluator.Evaluation before = settled(e, START);

        // +50 % in 600 s projects little growth over 60 s (11 instances); memory asks for 20.
        ServiceEvaluator.Evaluation r =
                e.evaluate(
                        before.next(),
                        WindowBuilder.endingAt(now).instances(10).cpu(70).memory(160).build(),
                        new Matches(spike(100, 150, 600, now), null));

        assertThat(r.decision().reason()).isEqualTo(Reason.MEMORY_ABOVE_TARGET);
        assertThat(r.decision().to()).isEqualTo(20);
        assertThat(r.decision().detail()).contains("this decision already covers it (11 wanted)");
    }

    @Test
    void spikeHandlingSwitchedOffIgnoresTheMatch() {
        PatternSettings off =
                Defaults.patterns().withSpike(false, Defaults.spike(), Duration.ofSeconds(60));
        Eval e = new Eval(Defaults.compute(), off);
        Instant now = START.plusSeconds(60);

        ServiceEvaluator.Evaluation r =
                next(e, settled(e, START), 90, now, spike(100, 160, 60, now));

        assertThat(r.decision().reason()).isEqualTo(Reason.CPU_ABOVE_TARGET);
        assertThat(r.decision().to()).isEqualTo(13);
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
                        Defaults.compute().scaleUp(),
                        Defaults.compute().scaleDown(),
                        0);
        Eval e = new Eval(fast, patterns);
        ServiceEvaluator.Evaluation s = null;
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < minutes * 4; i++) {
            Instant at = START.plusSeconds(15L * i);
            boolean busy = (i / 24) % 2 == 0;
            int instances = s == null ? 10 : s.next().scaler().targetInstances();
            double load = busy ? 1000 : 500; // CPU-seconds: 10 instances at 100 % / 50 %
            s =
                    e.evaluate(
                            s == null ? null : s.next(),
                            WindowBuilder.endingAt(at)
                                    .instances(instances)
                                    .cpu(load / instances)
                                    .build(),
                            Matches.NONE);
            if (s.decision().outcome() == Outcome.SCALE) {
                actions.add(s.decision().action().wireName() + " " + s.decision().detail());
            }
        }
        return actions;
    }

    @Test
    void dampingCutsTheActionsOfAFlappingService() {
        List<String> undamped = swing(Defaults.patterns().withoutDamping(), 120);
        List<String> damped = swing(Defaults.patterns(), 120);

        assertThat(undamped.size()).as(String.join("\n", damped)).isGreaterThan(damped.size());
        assertThat(damped).anyMatch(a -> a.contains("oscillation: ") && a.contains("damping x2"));
    }
}
