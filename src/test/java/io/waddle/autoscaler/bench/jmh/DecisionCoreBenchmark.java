package io.waddle.autoscaler.bench.jmh;

import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.PlatformState;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.scaling.ServiceEvaluator;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.ServiceState;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per evaluation of the decision core, as the job makes one per service and window:
 * {@code ./autoscaler bench core}. State is carried from evaluation to evaluation, with a full
 * stabilization history (20 recommendations) and load trend (8 windows), as in steady operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionCoreBenchmark {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private ServiceEvaluator evaluator;
    private ServiceSettings settings;
    private Coordinator coordinator;
    private PlatformState platform;
    private List<Decision> platformRound;
    private WindowedMetrics[] windows;
    private ServiceState state;
    private int next;

    @Setup
    public void setUp() {
        evaluator = new ServiceEvaluator(8);
        settings = Defaults.settings();
        coordinator = new Coordinator(Defaults.coordinator());
        platform = PlatformState.empty();
        windows = new WindowedMetrics[64];
        for (int i = 0; i < windows.length; i++) {
            // CPU drifting between 55 % and 85 % on 20 instances: a mix of holds and steps.
            double cpu = 70 + 15 * Math.sin(i / 10.0);
            Instant end = START.plusSeconds(15L * i);
            windows[i] =
                    new WindowedMetrics(
                            "chat-api",
                            "eu-west",
                            ServiceKind.COMPUTE,
                            end.minusSeconds(60),
                            end,
                            20,
                            Map.of(
                                    Gauges.CPU,
                                    new GaugeStats(20, cpu * 20, cpu + 5),
                                    Gauges.REQUESTS_PER_SECOND,
                                    new GaugeStats(20, 1000 + 10 * i, 60)));
        }
        state = null;
        for (int i = 0; i < 40; i++) {
            evaluateOne();
        }
        // One window of the demo's platform: four kinds in three regions, compute scaling up.
        List<Decision> round = new ArrayList<>();
        for (String region : List.of("eu-west", "us-east", "ap-south")) {
            round.add(decision("chat-api", region, ServiceKind.COMPUTE, 20, 26));
            round.add(decision("media-relay", region, ServiceKind.WEBRTC, 8, 8));
            round.add(decision("chat-db", region, ServiceKind.DATABASE, 240, 240));
            round.add(decision("sessions-cache", region, ServiceKind.CACHE, 6, 6));
        }
        platformRound = List.copyOf(round);
    }

    private static Decision decision(
            String service, String region, ServiceKind kind, int from, int to) {
        Subject s = new Subject(service, region, kind);
        ScalingDecision d =
                from == to
                        ? ScalingDecision.noChange(
                                s, START, from, to, Reason.WITHIN_TOLERANCE, "ok", from)
                        : ScalingDecision.scaleTo(
                                s,
                                START,
                                from,
                                to,
                                to,
                                Reason.CPU_ABOVE_TARGET,
                                "cpu",
                                List.of(),
                                from);
        return new Decision(d, PolicyRef.BUILTIN, null);
    }

    private ServiceEvaluator.Evaluation evaluateOne() {
        WindowedMetrics w = windows[next % windows.length];
        // Windows advance in event time forever, like a long-running job.
        Instant end = START.plusSeconds(15L * next);
        w =
                new WindowedMetrics(
                        w.service(),
                        w.region(),
                        w.kind(),
                        end.minusSeconds(60),
                        end,
                        w.instances(),
                        w.gauges());
        next++;
        ServiceEvaluator.Evaluation e = evaluator.evaluate(state, w, Matches.NONE, settings);
        state = e.next();
        return e;
    }

    /** One window's evaluation: trend, scaler (stabilization, limits), decision. */
    @Benchmark
    public ServiceEvaluator.Evaluation evaluate() {
        return evaluateOne();
    }

    /** One evaluation and the coordinator's round after it: the job's whole per-window decision. */
    @Benchmark
    public Coordinator.RoundResult evaluateAndCoordinate() {
        Decision e = evaluateOne().decision();
        Coordinator.RoundResult r = coordinator.coordinate(platform, List.of(e), e.decidedAt());
        platform = r.next();
        return r;
    }

    /**
     * One round of a twelve-service platform (four kinds, three regions) in which compute scales up
     * in every region: readiness, phases and locks, from a fresh platform state.
     */
    @Benchmark
    public Coordinator.RoundResult coordinateTwelveServiceRound() {
        return coordinator.coordinate(PlatformState.empty(), platformRound, START);
    }
}
