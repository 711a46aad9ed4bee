package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.config.AutoscalerOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The job's topics under short test names: {@code prefix} + m (metrics), p (policies), c
 * (commands), e (events), pe (policy events), d (dead letters), r (actuation results), a (alerts).
 */
public final class JobTopics {
    private JobTopics() {}

    /** Every topic's name, to create them all. */
    public static String[] names(String prefix) {
        return new String[] {
            prefix + "m",
            prefix + "p",
            prefix + "c",
            prefix + "e",
            prefix + "pe",
            prefix + "d",
            prefix + "r",
            prefix + "a"
        };
    }

    /** Points every topic option of {@code conf} at its test name. */
    public static Configuration configure(Configuration conf, String prefix) {
        conf.set(AutoscalerOptions.METRICS_TOPIC, prefix + "m");
        conf.set(AutoscalerOptions.POLICIES_TOPIC, prefix + "p");
        conf.set(AutoscalerOptions.COMMANDS_TOPIC, prefix + "c");
        conf.set(AutoscalerOptions.EVENTS_TOPIC, prefix + "e");
        conf.set(AutoscalerOptions.POLICY_EVENTS_TOPIC, prefix + "pe");
        conf.set(AutoscalerOptions.DEAD_LETTER_TOPIC, prefix + "d");
        conf.set(AutoscalerOptions.ACTUATION_RESULTS_TOPIC, prefix + "r");
        conf.set(AutoscalerOptions.ALERTS_TOPIC, prefix + "a");
        return conf;
    }
}
