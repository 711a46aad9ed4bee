package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.config.AutoscalerOptions;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
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
