package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.sim.Trace;
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
        assertThatThrownBy(
                        () ->
                                ElasticityBench.Args.parse(
                                        new String[] {"--trace", "x.csv", "--autoscaler", "magic"}))
                .hasMessageContaining("unknown autoscaler 'magic'")
                .hasMessageContaining("aws-predictive");
    }

    @Test
    void refusesTheFlinkEngineForAnythingButWaddle() {
        assertThatThrownBy(
                        () ->
                                ElasticityBench.Args.parse(
                                        new String[] {
                                            "--trace",
                                            "x.csv",
                                            "--autoscaler",
                                            "hpa",
                                            "--engine",
                                            "flink"
                                        }))
                .hasMessageContaining("--engine flink runs waddle");
    }
}
