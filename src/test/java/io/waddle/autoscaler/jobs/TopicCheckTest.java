package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCheckTest {
    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static Configuration conf(String prefix) {
        return JobTopics.configure(new Configuration(), prefix);
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
                .hasMessageContaining("a.e (autoscaler.topics.events)")
                .hasMessageContaining("a.d (autoscaler.topics.dead-letters)")
                .hasMessageNotContaining("a.m (")
                // The control topics are not needed to start.
                .hasMessageNotContaining("a.p (")
                .hasMessageNotContaining("a.r (");
    }

    @Test
    void aMissingControlTopicIsAWarningNotAnError() throws Exception {
        KAFKA.createTopics("w.m", "w.c", "w.e", "w.pe", "w.d", "w.a");

        assertThat(TopicCheck.verify(conf("w."), admin()))
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("topic w.p (autoscaler.topics.policies)"))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .startsWith(
                                                "topic w.r (autoscaler.topics.actuation-results)")
                                        .contains("runs without it"));
    }

    @Test
    void warnsWhenThePolicyTopicIsNotCompacted() throws Exception {
        KAFKA.createTopics(JobTopics.names("b."));

        assertThat(TopicCheck.verify(conf("b."), admin()))
                .singleElement()
                .asString()
                .contains("cleanup.policy=delete");
    }
}
