package io.waddle.autoscaler.flink.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.ScalingAction;
import io.waddle.autoscaler.core.patterns.SpikeWatch;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CEP patterns' semantics over plain lists of events, run by the real CEP operator in event
 * time on a MiniCluster; and the plain-Java twins (the spike watch, the oscillation rule) agree
 * with them on random sequences.
 */
class ScalingPatternsTest {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static LoadPoint load(String service, int seconds, double rate, double cpu) {
        return new LoadPoint(
                service,
                "eu-west",
                START.plusSeconds(seconds),
                rate,
                cpu,
                true,
                0.5,
                60_000,
                1.0,
                30,
                300_000);
    }

    private static LoadPoint withRise(LoadPoint p, double rise, long withinMs) {
        return new LoadPoint(
                p.service(),
                p.region(),
                p.at(),
                p.requestRate(),
                p.cpuPercent(),
                p.spikeEnabled(),
                rise,
                withinMs,
                p.spikeMinBaseRate(),
                p.lowCpuPercent(),
                p.lowForMs());
    }

    /** Points every 15 s with the given rates. */
    private static List<LoadPoint> rates(String service, double... rates) {
        List<LoadPoint> out = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            out.add(load(service, 15 * i, rates[i], 50));
        }
        return out;
    }

    /** A function Flink can ship to the operators. */
    private interface Fn<T, R> extends java.io.Serializable {
        R apply(T t);
    }

    private static <T> List<PatternMatch> run(
            List<T> events,
            Class<T> type,
            Fn<T, Instant> time,
            Fn<T, String> key,
            Pattern<T, ?> pattern,
            PatternProcessFunction<T, PatternMatch> matches)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<T> stream =
                env.fromData(events, TypeInformation.of(type))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<T>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (e, ts) -> time.apply(e).toEpochMilli()));
        List<PatternMatch> out = new ArrayList<>();
        try (CloseableIterator<PatternMatch> it =
                CEP.pattern(stream.keyBy(key::apply, Types.STRING), pattern)
                        .inEventTime()
                        .process(matches, TypeInformation.of(PatternMatch.class))
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(
                Comparator.comparing(PatternMatch::service)
                        .thenComparing(PatternMatch::at)
                        .thenComparing(PatternMatch::from));
        return out;
    }

    private static List<PatternMatch> spikes(List<LoadPoint> points) throws Exception {
        return run(
                points,
                LoadPoint.class,
                LoadPoint::at,
                LoadPoint::serviceRegionKey,
                ScalingPatterns.spike(),
                new ScalingPatterns.SpikeMatches());
    }

    @Test
    void aRiseOfHalfWithinAMinuteIsASpikeFromEveryBaseItRoseFrom() throws Exception {
        List<PatternMatch> m = spikes(rates("s", 100, 102, 101, 130, 160, 170, 175));

        // 160 is +50 % on each of the first three windows, within 60 s of each: three matches,
        // all completed by the window at 60 s; nothing later rises 50 % within a minute.
        assertThat(m).hasSize(3);
        assertThat(m).allMatch(x -> x.type() == PatternMatch.Type.SPIKE);
        assertThat(m).allMatch(x -> x.at().equals(START.plusSeconds(60)) && x.value() == 160);
        assertThat(m).extracting(PatternMatch::fromValue).containsExactly(100.0, 102.0, 101.0);
        assertThat(m.get(0).detail()).isEqualTo("request rate 100 -> 160 req/s in 60 s");
        // The scalers act on the steepest: from 101 in 30 s.
        PatternMatch steepest = null;
        for (PatternMatch x : m) {
            steepest = PatternMatch.steeper(steepest, x);
        }
        assertThat(steepest.fromValue()).isEqualTo(101.0);
    }

    @Test
    void aSlowRiseOrARiseFromNoiseIsNot() throws Exception {
        // +10 % a window: +61 % after 75 s, too slow for 60 s.
        List<PatternMatch> slow = spikes(rates("slow", 100, 110, 121, 133, 146, 161, 177));
        // 0.5 -> 5 req/s is a tenfold rise, but below the 1 req/s base it is noise.
        List<PatternMatch> noise = spikes(rates("noise", 0.5, 0.5, 5, 5));

        assertThat(slow).isEmpty();
        assertThat(noise).isEmpty();
    }

    @Test
    void eachPointCarriesItsPolicysThresholds() throws Exception {
        // +30 % in 30 s: a spike under a policy that says 25 %, none under the default 50 %.
        List<LoadPoint> strict = rates("strict", 100, 115, 130);
        List<LoadPoint> loose = new ArrayList<>();
        for (LoadPoint p : rates("loose", 100, 115, 130)) {
            loose.add(withRise(p, 0.25, 30_000));
        }
        List<LoadPoint> all = new ArrayList<>(strict);
        all.addAll(loose);
        all.sort(Comparator.comparing(LoadPoint::at));

        List<PatternMatch> m = spikes(all);

        assertThat(m).extracting(PatternMatch::service).containsExactly("loose");
    }

    @Test
    void theSpikeWatchMatchesWhatTheCepOperatorMatches() throws Exception {
        Random random = new Random(42);
        List<LoadPoint> all = new ArrayList<>();
        List<PatternMatch> watched = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            String service = "svc-" + s;
            SpikeWatch watch = SpikeWatch.empty();
            double rate = 1 + random.nextInt(200);
            for (int i = 0; i < 120; i++) {
                double r = random.nextDouble();
                rate = r < 0.05 ? rate * (1.5 + random.nextDouble()) : r < 0.1 ? rate * 0.5 : rate;
                rate = Math.max(0, rate * (0.9 + 0.2 * random.nextDouble()));
                LoadPoint p = load(service, 15 * i, rate, 50);
                all.add(p);
                SpikeWatch.Step step = watch.next(p);
                watch = step.next();
                watched.addAll(step.spikes());
            }
        }
        all.sort(Comparator.comparing(LoadPoint::at));
        watched.sort(
                Comparator.comparing(PatternMatch::service)
                        .thenComparing(PatternMatch::at)
                        .thenComparing(PatternMatch::from));

        List<PatternMatch> cep = spikes(all);

        assertThat(watched).hasSizeGreaterThan(20);
        assertThat(cep).containsExactlyElementsOf(watched);
    }

    @Test
    void cpuUnderTheThresholdForTheWholeStabilizationWindowIsSustainedLow() throws Exception {
        List<LoadPoint> points = new ArrayList<>();
        // 25 windows 15 s apart under 30 %: the run from 0 s completes at 300 s; the next run
        // starts afresh after it and is too short. Then a run broken by one busy window.
        for (int i = 0; i <= 24; i++) {
            points.add(load("quiet", 15 * i, 10, 20));
        }
        for (int i = 0; i <= 24; i++) {
            points.add(load("broken", 15 * i, 10, i == 12 ? 45 : 20));
        }
        points.sort(Comparator.comparing(LoadPoint::at));

        List<PatternMatch> m =
                run(
                        points,
                        LoadPoint.class,
                        LoadPoint::at,
                        LoadPoint::serviceRegionKey,
                        ScalingPatterns.sustainedLow(),
                        new ScalingPatterns.LowMatches());

        assertThat(m).hasSize(1);
        assertThat(m.get(0).service()).isEqualTo("quiet");
        assertThat(m.get(0).from()).isEqualTo(START);
        assertThat(m.get(0).at()).isEqualTo(START.plusSeconds(300));
        assertThat(m.get(0).count()).isEqualTo(21);
    }

    private static List<PatternMatch> oscillations(
            List<ActionPoint> actions, Pattern<ActionPoint, ActionPoint> pattern) throws Exception {
        return run(
                actions,
                ActionPoint.class,
                ActionPoint::at,
                ActionPoint::serviceRegionKey,
                pattern,
                new ScalingPatterns.OscillationMatches("in test"));
    }

    /** Alternating actions, up first, {@code minutesApart} apart. */
    private static List<ActionPoint> alternating(String service, int n, int minutesApart) {
        List<ActionPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new ActionPoint(
                            service,
                            "eu-west",
                            START.plus(Duration.ofMinutes((long) i * minutesApart)),
                            i,
                            i % 2 == 0));
        }
        return out;
    }

    @Test
    void sixDirectionChangesWithinTwentyActionsIsOscillation() throws Exception {
        List<PatternMatch> m =
                oscillations(
                        alternating("flapping", 7, 9),
                        ScalingPatterns.directionChanges(20, 5, Duration.ofHours(1)));

        assertThat(m).hasSize(1);
        assertThat(m.get(0).at()).isEqualTo(START.plus(Duration.ofMinutes(54)));
        assertThat(m.get(0).count()).isEqualTo(6);
        assertThat(m.get(0).detail()).isEqualTo("6 direction changes in test (actions 0 to 6)");
    }

    @Test
    void fourFlipsWithinThirtyMinutesIsOscillationButNotWhenSpreadOut() throws Exception {
        List<ActionPoint> actions = new ArrayList<>(alternating("fast", 5, 5));
        actions.addAll(alternating("slow", 5, 9));
        actions.sort(Comparator.comparing(ActionPoint::at));

        List<PatternMatch> m =
                oscillations(actions, ScalingPatterns.flipsWithin(4, Duration.ofMinutes(30)));

        assertThat(m).extracting(PatternMatch::service).containsExactly("fast");
        assertThat(m.get(0).at()).isEqualTo(START.plus(Duration.ofMinutes(20)));
    }

    /**
     * The oscillation rule the scalers damp by (undamped, so that every oscillation it sees is a
     * match) and each CEP pattern alone agree on random sequences: the same first oscillation of
     * every service, and every later one the rule sees (it counts afresh after a match) is a CEP
     * match too (CEP also reports the overlapping ones, from every start).
     */
    @Test
    void theOscillationRuleMatchesWhatEachCepPatternMatches() throws Exception {
        Duration horizon = Duration.ofHours(1);
        OscillationRule changesOnly =
                new OscillationRule(
                        new OscillationRule.Config(
                                20, 5, 1000, Duration.ofMinutes(30), 1, Duration.ZERO, horizon));
        OscillationRule flipsOnly =
                new OscillationRule(
                        new OscillationRule.Config(
                                20, 1000, 4, Duration.ofMinutes(30), 1, Duration.ZERO, horizon));
        Random random = new Random(7);
        List<ActionPoint> actions = new ArrayList<>();
        java.util.TreeSet<String> ruleChanges = new java.util.TreeSet<>();
        java.util.TreeSet<String> ruleFlips = new java.util.TreeSet<>();
        for (int s = 0; s < 30; s++) {
            String service = String.format("svc-%02d", s);
            OscillationRule.State a = OscillationRule.State.calm();
            OscillationRule.State b = OscillationRule.State.calm();
            Instant t = START;
            boolean up = true;
            for (int i = 0; i < 60; i++) {
                t = t.plus(Duration.ofMinutes(1 + random.nextInt(s % 2 == 0 ? 8 : 20)));
                up = random.nextDouble() < 0.7 ? !up : up;
                actions.add(new ActionPoint(service, "eu-west", t, i, up));
                ScalingAction action = up ? ScalingAction.SCALE_UP : ScalingAction.SCALE_DOWN;
                OscillationRule.Result ra = changesOnly.observe(a, action, t);
                OscillationRule.Result rb = flipsOnly.observe(b, action, t);
                a = ra.next();
                b = rb.next();
                if (ra.matched()) {
                    ruleChanges.add(service + " " + t);
                }
                if (rb.matched()) {
                    ruleFlips.add(service + " " + t);
                }
            }
        }
        actions.sort(Comparator.comparing(ActionPoint::at));

        java.util.TreeSet<String> cepChanges = new java.util.TreeSet<>();
        for (PatternMatch m :
                oscillations(actions, ScalingPatterns.directionChanges(20, 5, horizon))) {
            cepChanges.add(m.service() + " " + m.at());
        }
        java.util.TreeSet<String> cepFlips = new java.util.TreeSet<>();
        for (PatternMatch m :
                oscillations(actions, ScalingPatterns.flipsWithin(4, Duration.ofMinutes(30)))) {
            cepFlips.add(m.service() + " " + m.at());
        }

        assertThat(ruleChanges).hasSizeGreaterThan(10);
        assertThat(ruleFlips).hasSizeGreaterThan(10);
        assertThat(cepChanges).containsAll(ruleChanges);
        assertThat(cepFlips).containsAll(ruleFlips);
        assertThat(firstPerService(cepChanges)).isEqualTo(firstPerService(ruleChanges));
        assertThat(firstPerService(cepFlips)).isEqualTo(firstPerService(ruleFlips));
    }

    private static java.util.Map<String, String> firstPerService(java.util.SortedSet<String> m) {
        java.util.Map<String, String> first = new java.util.TreeMap<>();
        for (String x : m) {
            first.putIfAbsent(x.substring(0, x.indexOf(' ')), x);
        }
        return first;
    }
}
