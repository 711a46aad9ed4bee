package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticityMetricsTest {
    private static final double DT = 15;
    private static final double CAPACITY = 10; // requests/s per instance

    /** Records steps of (load, supply); billed = supply. */
    private static Map<String, Double> run(double[][] steps) {
        ElasticityMetrics m = new ElasticityMetrics();
        for (double[] s : steps) {
            m.record(DT, s[0], CAPACITY, (int) s[1], (int) s[1]);
        }
        return m.figures(0.10, DT);
    }

    @Test
    void supplyEqualToDemandScoresZeroEverywhere() {
        // demand 10, 12, 15, 11: supply follows exactly
        Map<String, Double> f = run(new double[][] {{100, 10}, {120, 12}, {150, 15}, {110, 11}});

        assertThat(f.get("thetaU")).isZero();
        assertThat(f.get("thetaO")).isZero();
        assertThat(f.get("tauU")).isZero();
        assertThat(f.get("tauO")).isZero();
        assertThat(f.get("instability")).isZero();
        assertThat(f.get("jitter")).isZero();
        assertThat(f.get("supplyDemandRatio")).isEqualTo(1.0);
        assertThat(f.get("sloViolationMinutes")).isZero();
        assertThat(f.get("unservedFraction")).isZero();
    }

    @Test
    void aKnownUnderProvisioningGivesAKnownThetaUAndTauU() {
        // demand 10 throughout; supply 8 in two of four steps: each short by 20 % of demand.
        Map<String, Double> f = run(new double[][] {{100, 10}, {100, 8}, {100, 8}, {100, 10}});

        assertThat(f.get("thetaU")).isCloseTo(10.0, offset(1e-9)); // 100 * (0.2 + 0.2) / 4
        assertThat(f.get("tauU")).isCloseTo(50.0, offset(1e-9));
        assertThat(f.get("thetaO")).isZero();
        assertThat(f.get("sloViolationMinutes")).isCloseTo(0.5, offset(1e-9)); // two 15 s steps
        assertThat(f.get("unservedFraction")).isCloseTo(40.0 / 400.0, offset(1e-9));
    }

    @Test
    void aKnownOverProvisioningGivesAKnownThetaOAndTauO() {
        // demand 10; supply 15 in one of four steps: over by 50 % of demand.
        Map<String, Double> f = run(new double[][] {{100, 10}, {100, 15}, {100, 10}, {100, 10}});

        assertThat(f.get("thetaO")).isCloseTo(12.5, offset(1e-9));
        assertThat(f.get("tauO")).isCloseTo(25.0, offset(1e-9));
    }

    @Test
    void instabilityIsTheShareOfTimeSupplyAndDemandMoveApart() {
        // transitions: d up / s up (together), d flat / s up (apart), d down / s down (together)
        Map<String, Double> f = run(new double[][] {{100, 10}, {120, 12}, {120, 13}, {110, 11}});

        assertThat(f.get("instability")).isCloseTo(100.0 / 3, offset(1e-9)); // 1 of 3 transitions
    }

    @Test
    void jitterCountsSupplyChangesBeyondDemandChangesPerHour() {
        // demand changes once, supply three times, over 4 steps of 15 s (1/60 h).
        Map<String, Double> f = run(new double[][] {{100, 10}, {100, 11}, {120, 10}, {120, 12}});

        assertThat(f.get("jitter")).isCloseTo((3 - 1) / (60.0 / 3600), offset(1e-9));
    }

    @Test
    void costIsInstanceHoursTimesThePrice() {
        Map<String, Double> f = run(new double[][] {{100, 10}, {100, 10}, {100, 10}, {100, 10}});

        assertThat(f.get("instanceHours")).isCloseTo(10 * 60 / 3600.0, offset(1e-9));
        assertThat(f.get("cost")).isCloseTo(f.get("instanceHours") * 0.10, offset(1e-12));
    }

    @Test
    void elasticSpeedupIsOneAgainstItselfAndAboveOneWhenEveryScoreIsBetter() {
        Map<String, Double> baseline =
                Map.of("thetaU", 4.0, "thetaO", 40.0, "tauU", 8.0, "tauO", 80.0);
        Map<String, Double> twiceAsGood =
                Map.of("thetaU", 2.0, "thetaO", 20.0, "tauU", 4.0, "tauO", 40.0);

        assertThat(ElasticityMetrics.elasticSpeedup(baseline, baseline)).isEqualTo(1.0);
        assertThat(ElasticityMetrics.elasticSpeedup(twiceAsGood, baseline))
                .isCloseTo(2.0, offset(0.01));
    }
}
