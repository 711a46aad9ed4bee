package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.autoscalers.AwsPredictiveModel;
import io.waddle.autoscaler.bench.autoscalers.FlinkOperatorModel;
import io.waddle.autoscaler.bench.autoscalers.HpaModel;
import io.waddle.autoscaler.bench.autoscalers.KedaModel;
import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.LoadHistory;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.sim.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each baseline's defining behaviour, driven step by step with hand-made observations. */
class BaselineBehaviourTest {
    private static final Instant START = Instant.parse("2020-01-08T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final BenchSettings SETTINGS = BenchSettings.defaults();
    private static final double CAPACITY = 10; // requests/s per instance

    @TempDir Path dir;

    /** {@code ready} instances at {@code utilization}, nothing starting. */
    private static Observation at(Instant t, int ready, double utilization) {
        double rate = ready * CAPACITY * utilization;
        return new Observation(
                t, ready, 0, Math.min(1, utilization), rate, Math.min(rate, ready * CAPACITY), 30);
    }

    @Test
    void hpaDoesNotScaleDownWithinItsStabilizationWindow() {
        BenchAutoscaler hpa = HpaModel.create(SETTINGS);
        hpa.decide(at(START, 10, 0.7));
        Instant t = START.plus(STEP);
        for (; t.isBefore(START.plusSeconds(300)); t = t.plus(STEP)) {
            assertThat(hpa.decide(at(t, 10, 0.2))).as("at " + t).isEqualTo(10);
        }
        Instant later = START.plusSeconds(315);

        assertThat(hpa.decide(at(later, 10, 0.2))).isEqualTo(3); // ceil(10 * 0.2 / 0.7)
    }

    @Test
    void hpaScalesUpAtOnce() {
        BenchAutoscaler hpa = HpaModel.create(SETTINGS);

        assertThat(hpa.decide(at(START, 10, 0.91))).isEqualTo(13);
    }

    @Test
    void kedaActsOnTheLastPolledValueUntilItsNextPoll() {
        BenchAutoscaler keda = KedaModel.create(SETTINGS, CAPACITY);
        assertThat(keda.decide(at(START, 10, 0.7))).isEqualTo(10);

        // At +15 s the load has doubled, but the last poll (at 0 s) is what the HPA sees.
        assertThat(keda.decide(at(START.plusSeconds(15), 10, 1.4))).isEqualTo(10);
        assertThat(keda.decide(at(START.plusSeconds(30), 10, 1.4))).isEqualTo(20);
    }

    @Test
    void flinkOperatorHoldsAScaleDownForItsScaleDownInterval() {
        FlinkOperatorModel op = new FlinkOperatorModel(SETTINGS.targetUtilization());
        Instant t = START;
        int decided = 10;
        // A quarter of the load for 75 minutes: the metrics window fills (15 min), then the
        // scale-down must stay wanted for an hour.
        for (; t.isBefore(START.plus(Duration.ofMinutes(74))); t = t.plus(STEP)) {
            decided = op.decide(at(t, 10, 0.175));
            assertThat(decided).as("at " + t).isEqualTo(10);
        }
        for (; t.isBefore(START.plus(Duration.ofMinutes(77))); t = t.plus(STEP)) {
            decided = op.decide(at(t, 10, 0.175));
        }

        assertThat(decided)
                .isEqualTo(4); // at most 60 % down: ceil(10 * 0.4); wanted ceil(17.5/7) = 3
    }

    @Test
    void flinkOperatorLeavesUtilizationInsideItsBoundaryAlone() {
        FlinkOperatorModel op = new FlinkOperatorModel(SETTINGS.targetUtilization());
        for (Instant t = START; t.isBefore(START.plus(Duration.ofHours(3))); t = t.plus(STEP)) {
            assertThat(op.decide(at(t, 10, 0.45))).isEqualTo(10); // 0.45 is inside [0.4, 1.0]
        }
    }

    @Test
    void awsPredictiveNeverScalesInOnItsOwn() throws Exception {
        AwsPredictiveModel aws = new AwsPredictiveModel(SETTINGS, CAPACITY);
        aws.warmUp(new LoadHistory(flatTrace(70), START));
        // 50 instances at 65 %: above the scale-in alarm (90 % of the 70 % target), far above the
        // forecast of 10 instances. Nothing but that alarm may scale in.
        for (Instant t = START; t.isBefore(START.plus(Duration.ofHours(6))); t = t.plus(STEP)) {
            assertThat(aws.decide(at(t, 50, 0.65))).as("at " + t).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void awsPredictiveScalesInOnlyAfterFifteenMinutesBelowNinetyPercentOfTarget() throws Exception {
        AwsPredictiveModel aws = new AwsPredictiveModel(SETTINGS, CAPACITY);
        aws.warmUp(new LoadHistory(flatTrace(70), START));
        Instant t = START;
        for (; t.isBefore(START.plus(Duration.ofMinutes(15))); t = t.plus(STEP)) {
            assertThat(aws.decide(at(t, 50, 0.3))).as("at " + t).isEqualTo(50);
        }
        int atFifteenMinutes = aws.decide(at(t, 50, 0.3));

        // ceil(50 * 0.3 / 0.7) = 22; the forecast (70 req/s: 10 instances at 70 %) is only a floor
        assertThat(atFifteenMinutes).isEqualTo(22);
    }

    @Test
    void awsPredictiveForecastsFromTheSameHourOfPastDays() throws Exception {
        AwsPredictiveModel aws = new AwsPredictiveModel(SETTINGS, CAPACITY);
        aws.warmUp(new LoadHistory(flatTrace(700), START)); // 700 req/s every hour for a week

        // 700 / (10 * 0.7) = 100 instances, already at the first step of the day
        assertThat(aws.decide(at(START, 20, 0.7))).isEqualTo(100);
    }

    @Test
    void awsPredictiveDoesNotForecastWithLessThanADayOfHistory() throws Exception {
        AwsPredictiveModel aws = new AwsPredictiveModel(SETTINGS, CAPACITY);
        Trace shortHistory = write("t,c\n2020-01-07T12:00:00Z,42000\n2020-01-07T12:01:00Z,42000\n");
        aws.warmUp(new LoadHistory(shortHistory, START));

        assertThat(aws.decide(at(START, 20, 0.7))).isEqualTo(20);
    }

    @Test
    void oracleSupplyMatchesDemandOnASmoothTrace() throws Exception {
        Trace ramp = rampTrace();
        ElasticityEngine engine = new ElasticityEngine(ramp, SETTINGS);
        Instant start = ramp.start().plus(Duration.ofHours(1));

        ElasticityEngine.Run run =
                engine.run(
                        Autoscalers.create(
                                "oracle", engine, SETTINGS, start, start.plus(Duration.ofHours(4))),
                        start,
                        start.plus(Duration.ofHours(4)));

        assertThat(run.figures().get("tauU")).isZero();
        assertThat(run.figures().get("sloViolationMinutes")).isZero();
    }

    @Test
    void staticPeakNeverScalesAfterReachingThePeak() throws Exception {
        Trace ramp = rampTrace();
        ElasticityEngine engine = new ElasticityEngine(ramp, SETTINGS);
        Instant start = ramp.start().plus(Duration.ofHours(1));

        ElasticityEngine.Run run =
                engine.run(
                        Autoscalers.create(
                                "static-peak",
                                engine,
                                SETTINGS,
                                start,
                                start.plus(Duration.ofHours(4))),
                        start,
                        start.plus(Duration.ofHours(4)));

        assertThat(run.figures().get("scalingActions")).isEqualTo(1.0);
        assertThat(run.figures().get("tauU")).isZero();
    }

    @Test
    void everyBaselineRunsThroughTheEngineWithoutShortfallOnAFlatTrace() throws Exception {
        Trace flat = flatTrace(500);
        ElasticityEngine engine = new ElasticityEngine(flat, SETTINGS);
        Instant start = START.minus(Duration.ofDays(2));
        for (String name : Autoscalers.NAMES) {
            Map<String, Double> f =
                    engine.run(
                                    Autoscalers.create(
                                            name,
                                            engine,
                                            SETTINGS,
                                            start,
                                            start.plus(Duration.ofHours(6))),
                                    start,
                                    start.plus(Duration.ofHours(6)))
                            .figures();
            assertThat(f.get("tauU")).as(name).isZero();
        }
    }

    /** A week of minutes at a constant rate before START (and a day after). */
    private Trace flatTrace(double perSecond) throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,count\n");
        for (Instant t = START.minus(Duration.ofDays(7));
                t.isBefore(START.plus(Duration.ofDays(1)));
                t = t.plusSeconds(60)) {
            sb.append(t).append(',').append(perSecond * 60).append('\n');
        }
        return write(sb.toString());
    }

    /** Six hours rising linearly from 60 to 600 requests per minute... and then falling. */
    private Trace rampTrace() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < 720; m++) {
            double count = m < 360 ? 60 + 1.5 * m * 60 / 60 : 600 - 1.5 * (m - 360);
            sb.append(START.plusSeconds(60L * m)).append(',').append(count * 60).append('\n');
        }
        return write(sb.toString());
    }

    private Trace write(String csv) throws Exception {
        Path f = Files.createTempFile(dir, "trace", ".csv");
        Files.writeString(f, csv);
        return Trace.load(f);
    }
}
