package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.autoscalers.FlinkOperatorModel;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.config.AutoscalerOptions;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Every autoscaler gets the same information: its own documented defaults, and what the benchmark's
 * flags set for all alike.
 */
class BenchFairnessTest {
    private static final Instant START = Instant.parse("2020-01-08T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);

    private static BenchSettings withTarget(double target) {
        BenchSettings d = BenchSettings.defaults();
        return new BenchSettings(
                d.step(),
                d.peakInstances(),
                Duration.ofMinutes(5),
                d.drainTime(),
                d.minInstances(),
                d.maxInstances(),
                target,
                d.pricePerInstanceHour());
    }

    @Test
    void waddleIsNotHandedTheSimulatedProvisioningDelay() {
        Configuration conf = WaddleModel.jobOptions(withTarget(0.7));

        assertThat(conf.get(AutoscalerOptions.PROVISIONING_DELAY))
                .isEqualTo(AutoscalerOptions.PROVISIONING_DELAY.defaultValue());
    }

    @Test
    void theTargetUtilizationReachesWaddle() {
        Configuration conf = WaddleModel.jobOptions(withTarget(0.5));

        assertThat(conf.get(AutoscalerOptions.COMPUTE_TARGET_CPU)).isEqualTo(50.0);
    }

    @Test
    void theTargetUtilizationReachesTheFlinkOperator() {
        // 10 instances 90 % busy for 20 minutes: inside the boundary [0.4, 1.0] around a target
        // of 0.7, outside [0, 0.6] around a target of 0.3.
        FlinkOperatorModel at70 = new FlinkOperatorModel(0.7);
        FlinkOperatorModel at30 = new FlinkOperatorModel(0.3);
        int decided70 = 10;
        int decided30 = 10;
        for (Instant t = START; t.isBefore(START.plus(Duration.ofMinutes(20))); t = t.plus(STEP)) {
            Observation o = new Observation(t, 10, 0, 0.9, 90, 90, 30);
            decided70 = at70.decide(o);
            decided30 = at30.decide(o);
        }

        // Around 0.3 the target decides: ceil(90 req/s / (10 req/s per instance x 0.3)) = 30.
        assertThat(decided70).isEqualTo(10);
        assertThat(decided30).isEqualTo(30);
    }
}
