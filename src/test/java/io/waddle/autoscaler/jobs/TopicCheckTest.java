package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCheckTest {
    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static Configuration conf(String prefix) {
        Configuration c = new Configuration();
        c.set(AutoscalerOptions.METRICS_TOPIC, prefix + "m");
        c.set(AutoscalerOptions.POLICIES_TOPIC, prefix + "p");
        c.set(AutoscalerOptions.COMMANDS_TOPIC, prefix + "c");
        c.set(AutoscalerOptions.EVENTS_TOPIC, prefix + "e");
        c.set(AutoscalerOptions.POLICY_EVENTS_TOPIC, prefix + "pe");
        c.set(AutoscalerOptions.DEAD_LETTER_TOPIC, prefix + "d");
        c.set(AutoscalerOptions.ACTUATION_RESULTS_TOPIC, prefix + "r");
        c.set(AutoscalerOptions.ALERTS_TOPIC, prefix + "a");
        return c;
    }

    private static Properties admin() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        return p;
    }

    @Test
    void namesEveryMissingTopicWithItsOption() throws Exception {
        KAFKA.createTopics("a.m", "a.c");

        assertThatThrownBy(() -> TopicCheck.verify(conf("a."), admin()))
                .hasMessageContaining("a.p (autoscaler.topics.policies)")
                .hasMessageContaining("a.d (autoscaler.topics.dead-letters)")
                .hasMessageContaining("a.r (autoscaler.topics.actuation-results)")
                .hasMessageNotContaining("a.m (");
    }

    @Test
    void warnsWhenThePolicyTopicIsNotCompacted() throws Exception {
        KAFKA.createTopics("b.m", "b.p", "b.c", "b.e", "b.pe", "b.d", "b.r", "b.a");

        assertThat(TopicCheck.verify(conf("b."), admin()))
                .singleElement()
                .asString()
                .contains("cleanup.policy=delete");
    }
}
