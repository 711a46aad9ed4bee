package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** What the job's Kafka clients are configured with, whatever the user passes through. */
class KafkaConnectorsTest {

    /**
     * The review's defect 8: the sources took the consumer default, read_uncommitted, and so read
     * the records of aborted transactions.
     */
    @Test
    void everySourceReadsOnlyCommittedRecordsEvenIfTheUserAsksOtherwise() {
        Configuration conf = new Configuration();
        conf.setString("autoscaler.kafka.properties.isolation.level", "read_uncommitted");
        conf.setString("autoscaler.kafka.properties.security.protocol", "SSL");

        KafkaConnectors kafka = new KafkaConnectors(conf);

        assertThat(kafka.sourceProperties())
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("security.protocol", "SSL");
    }
}
