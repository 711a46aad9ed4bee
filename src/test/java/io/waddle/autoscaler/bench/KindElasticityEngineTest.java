package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.sim.Trace;
import io.waddle.autoscaler.testing.CliRun;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KindElasticityEngineTest {
    // The match of 1998-06-25: load rises about sixfold and falls back.
    private static final Instant START = Instant.parse("1998-06-25T13:30:00Z");
    private static final Instant END = Instant.parse("1998-06-25T21:30:00Z");

    private static KindElasticityEngine engine(ServiceKind kind) {
        return new KindElasticityEngine(Trace.bundledWorldCup(), BenchSettings.defaults(), kind);
    }

    @ParameterizedTest
    @EnumSource(
            value = ServiceKind.class,
            names = {"WEBRTC", "DATABASE", "CACHE"})
    void theOracleIsNeverShortAndStaticPeakNeverMoves(ServiceKind kind) {
        ElasticityEngine.Run oracle = engine(kind).run("oracle", START, END);
        ElasticityEngine.Run peak = engine(kind).run("static-peak", START, END);

        assertThat(oracle.figures().get("thetaU")).isZero();
        assertThat(peak.figures().get("thetaU")).isZero();
        assertThat(peak.figures().get("scalingActions")).isZero();
        assertThat(Arrays.stream(peak.supply()).distinct().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = ServiceKind.class,
            names = {"WEBRTC", "DATABASE", "CACHE"})
    void waddleFollowsTheDemandUpAndDownAndCostsLessThanThePeak(ServiceKind kind) {
        ElasticityEngine.Run waddle = engine(kind).run("waddle", START, END);
        ElasticityEngine.Run peak = engine(kind).run("static-peak", START, END);
        int[] supply = waddle.supply();
        int top = Arrays.stream(supply).max().orElseThrow();

        // It grows with the match and gives capacity back after it.
        assertThat(top).isGreaterThan(supply[0]);
        assertThat(supply[supply.length - 1]).isLessThan(top);
        assertThat(waddle.figures().get("instanceHours"))
                .isLessThan(peak.figures().get("instanceHours"));
        assertThat(waddle.figures().get("unservedFraction")).isLessThan(0.02);
    }

    @Test
    void theSameRunGivesTheSameFigures() {
        Map<String, Double> a = engine(ServiceKind.DATABASE).run("waddle", START, END).figures();
        Map<String, Double> b = engine(ServiceKind.DATABASE).run("waddle", START, END).figures();

        assertThat(a).isEqualTo(b);
    }

    @Test
    void theCommandLineRefusesBaselinesThatOnlyScaleCompute() {
        CliRun r =
                CliRun.of(
                        "autoscaler bench elasticity",
                        new ElasticityBench(),
                        "--trace",
                        "x.csv",
                        "--kind",
                        "cache",
                        "--autoscaler",
                        "hpa");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("for --kind cache the autoscaler is one of waddle");
        CliRun r2 =
                CliRun.of(
                        "autoscaler bench elasticity",
                        new ElasticityBench(),
                        "--all",
                        "--kind",
                        "webrtc");
        assertThat(r2.exit()).isEqualTo(2);
        assertThat(r2.oneLineError()).as(r2.err()).isTrue();
        assertThat(r2.err()).contains("runs alone");
        CliRun r3 =
                CliRun.of(
                        "autoscaler bench elasticity",
                        new ElasticityBench(),
                        "--trace",
                        "x.csv",
                        "--kind",
                        "gpu");
        assertThat(r3.exit()).isEqualTo(2);
        assertThat(r3.oneLineError()).as(r3.err()).isTrue();
        assertThat(r3.err()).contains("--kind is compute, webrtc, database or cache");
    }
}
