package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.sim.Trace;
import io.waddle.autoscaler.testing.CliRun;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticityBenchTest {
    private static final Instant START = Instant.parse("1998-06-25T13:30:00Z");
    private static final Instant END = Instant.parse("1998-06-25T17:30:00Z");

    @Test
    void aRunReportsEveryFigureUnderItsJsonKey() {
        Map<String, Object> r =
                ElasticityBench.runOne(
                        Trace.bundledWorldCup(),
                        "wc98",
                        "hpa",
                        BenchSettings.defaults(),
                        START,
                        END);

        assertThat(r)
                .containsKeys(
                        "thetaU",
                        "thetaO",
                        "tauU",
                        "tauO",
                        "instability",
                        "jitter",
                        "supplyDemandRatio",
                        "instanceHours",
                        "cost",
                        "sloViolationMinutes",
                        "unservedFraction",
                        "scalingActions",
                        "elasticSpeedupVsHpa");
        assertThat(r.get("elasticSpeedupVsHpa")).isEqualTo(1.0);
        assertThat((Double) r.get("scalingActions")).isPositive();
    }

    @Test
    void theSameRunGivesTheSameFigures() {
        Map<String, Object> a =
                ElasticityBench.runOne(
                        Trace.bundledWorldCup(),
                        "wc98",
                        "waddle",
                        BenchSettings.defaults(),
                        START,
                        END);
        Map<String, Object> b =
                ElasticityBench.runOne(
                        Trace.bundledWorldCup(),
                        "wc98",
                        "waddle",
                        BenchSettings.defaults(),
                        START,
                        END);

        assertThat(a).isEqualTo(b);
    }

    @Test
    void refusesAnUnknownAutoscalerNamingTheChoices() {
        CliRun r =
                CliRun.of(
                        "autoscaler bench elasticity",
                        new ElasticityBench(),
                        "--trace",
                        "x.csv",
                        "--autoscaler",
                        "magic");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("unknown autoscaler 'magic'");
        assertThat(r.err()).contains("aws-predictive");
    }

    @Test
    void refusesTheFlinkEngineForAnythingButWaddle() {
        CliRun r =
                CliRun.of(
                        "autoscaler bench elasticity",
                        new ElasticityBench(),
                        "--trace",
                        "x.csv",
                        "--autoscaler",
                        "hpa",
                        "--engine",
                        "flink");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("--engine flink runs waddle");
    }
}
