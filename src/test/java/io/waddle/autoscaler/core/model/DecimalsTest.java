package io.waddle.autoscaler.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    private static String format(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    @Test
    void writesWhatTheFormatterWritesForTheEdgeCases() {
        double[] edges = {
            0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            -0.04,
            -0.05,
            1.005,
            2.675,
            99.95,
            1e-300,
            1e20,
            123456789.987654321,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double v : edges) {
            for (int digits = 0; digits <= 3; digits++) {
                assertThat(Decimals.fixed(v, digits))
                        .as("%s, %d", v, digits)
                        .isEqualTo(format(v, digits));
            }
        }
    }

    @Test
    void writesWhatTheFormatterWritesAcrossMagnitudes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 12));
            int digits = random.nextInt(0, 4);
            assertThat(Decimals.fixed(v, digits))
                    .as("%s, %d", v, digits)
                    .isEqualTo(format(v, digits));
        }
    }
}
