package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.config.AutoscalerOptions;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class JobConfigurationTest {

    @Test
    void readsTheShippedFlinkConfThenLetsTheCommandLineWin() {
        Configuration conf =
                JobConfiguration.fromArgs(
                        new String[] {
                            "--config",
                            "flink-conf",
                            "--autoscaler.kafka.bootstrap-servers",
                            "kafka:9092"
                        });

        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(conf.get(AutoscalerOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
    }

    /** A fault the job cannot get past ends in FAILED, visibly, not in endless restarts. */
    @Test
    void theShippedRestartStrategyGivesUpAfterACappedNumberOfAttempts() {
        Configuration conf = JobConfiguration.fromArgs(new String[] {"--config", "flink-conf"});

        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(30);
    }

    /** A sample allowed further ahead than the watermark delay would make the others late. */
    @Test
    void refusesAFutureSkewLargerThanTheOutOfOrderness() {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.MAX_FUTURE_SKEW, Duration.ofMinutes(5));

        assertThatThrownBy(
                        () ->
                                new AutoscalerPipeline(null, null, conf)
                                        .build(
                                                StreamExecutionEnvironment
                                                        .getExecutionEnvironment()))
                .hasMessageContaining(
                        "autoscaler.metrics.max-future-skew (PT5M) must be at most"
                                + " autoscaler.metrics.max-out-of-orderness (PT5S)");
    }

    @Test
    void refusesAFlagWithoutAValue() {
        assertThatThrownBy(
                        () ->
                                JobConfiguration.fromArgs(
                                        new String[] {"--autoscaler.topics.metrics"}))
                .hasMessageContaining("has no value");
    }

    @Test
    void refusesToRunWithoutCheckpointsBecauseCommandsWouldNeverCommit() {
        assertThatThrownBy(() -> AutoscalerJob.requireCheckpointing(new Configuration()))
                .hasMessageContaining("execution.checkpointing.interval is not set");
    }
}
