package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the job's Kafka clients are configured with, whatever the user passes through. */
class KafkaConnectorsTest {

    /**
     * A Kafka secret (a SASL JAAS line, a key password) need not be on the command line: Kafka's
     * config providers pass through, and resolve {@code ${file:path:key}} (or {@code ${env:NAME}})
     * inside the client. Shown with the client id, which the client's metrics then carry.
     */
    @Test
    void kafkaConfigProvidersPassThroughSoSecretsCanComeFromAFile(@TempDir Path dir)
            throws Exception {
        Path secrets = dir.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "client.id=from-the-file\n");
        Configuration conf = new Configuration();
        conf.setString("autoscaler.kafka.properties.config.providers", "file");
        conf.setString(
                "autoscaler.kafka.properties.config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider");
        conf.setString(
                "autoscaler.kafka.properties.client.id", "${file:" + secrets + ":client.id}");
        Properties props = new KafkaConnectors(conf).clientProperties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");

        try (Admin admin = Admin.create(props)) {
            assertThat(admin.metrics().keySet())
                    .anyMatch(m -> "from-the-file".equals(m.tags().get("client-id")));
        }
    }

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
