package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The headline users read first: each figure relative to the HPA's. */
class ElasticityReportTest {
    @Test
    void aFigureIsGivenRelativeToTheHpas() {
        assertThat(ElasticityReport.relative(103, 100)).isEqualTo("+3.0 %");
        assertThat(ElasticityReport.relative(49, 100)).isEqualTo("-51.0 %");
    }

    @Test
    void nothingAgainstNothingIsNoChangeAndSomethingAgainstNothingHasNoRatio() {
        assertThat(ElasticityReport.relative(0, 0)).isEqualTo("±0 %");
        assertThat(ElasticityReport.relative(5, 0)).isEqualTo("-");
    }
}
