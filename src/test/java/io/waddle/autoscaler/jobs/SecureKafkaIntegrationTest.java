package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.CliRun;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.SampleBuilder;
import io.waddle.autoscaler.testing.SecureBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker that speaks only TLS with SASL/SCRAM-SHA-512 on 127.0.0.1, with a certificate the test
 * makes (keytool): the job, with the security settings passed through, reads its samples and
 * commits a command; the policy CLI publishes through it with {@code --command-config}; a client
 * with a wrong password gets nothing.
 */
class SecureKafkaIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final String USER = SecureBroker.USER;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private final Path dir =
            Path.of("target", "test-secure-kafka", UUID.randomUUID().toString()).toAbsolutePath();
    private SecureBroker secure;
    private LocalKafkaBroker broker;

    @AfterEach
    void stop() {
        if (secure != null) {
            secure.close();
        }
    }

    /** The broker, with only its TLS + SASL/SCRAM listener; the client properties of USER. */
    private Map<String, String> startSecureBroker() throws Exception {
        secure = SecureBroker.start(dir);
        broker = secure.broker();
        return secure.client();
    }

    @Test
    void theJobAndTheCliWorkThroughTlsAndScram() throws Exception {
        Map<String, String> client = startSecureBroker();
        broker.createTopics(2, List.of(JobTopics.names("")));
        produce(client, SampleBuilder.fleet(START, 0, 90, 4, 90.0));

        JobClient job = submit(client);
        try {
            List<ScalingCommand> commands = commands(client, 1);
            assertThat(commands).extracting(ScalingCommand::to).containsExactly(6);
        } finally {
            job.cancel().get();
        }

        Path config = propertiesFile("client.properties", client);
        CliRun publish =
                CliRun.of(
                        "autoscaler policy",
                        new PolicyCli(),
                        "publish",
                        "flink-conf/policies/default.json",
                        "--bootstrap",
                        broker.bootstrapServers(),
                        "--topic",
                        "p",
                        "--events-topic",
                        "pe",
                        "--command-config",
                        config.toString());
        assertThat(publish.exit()).as(publish.err()).isZero();

        Map<String, String> wrong = new java.util.HashMap<>(client);
        wrong.put(
                "sasl.jaas.config", broker.clientProperties(USER, "wrong").get("sasl.jaas.config"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> produce(wrong, List.of("{}")))
                .hasStackTraceContaining("Authentication failed");
    }

    private Path propertiesFile(String name, Map<String, String> client) throws IOException {
        return secure.propertiesFile(name, client);
    }

    private JobClient submit(Map<String, String> client) throws Exception {
        Configuration conf = JobTopics.configure(new Configuration(), "");
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        client.forEach((k, v) -> conf.setString(KafkaConnectors.CLIENT_PROPERTIES_PREFIX + k, v));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    private void produce(Map<String, String> client, List<String> samples) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String s : samples) {
                producer.send(new ProducerRecord<>("m", "k", s)).get(20, TimeUnit.SECONDS);
            }
        }
    }

    private List<ScalingCommand> commands(Map<String, String> client, int count) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ScalingCommand> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    consumer.partitionsFor("c").stream()
                            .map(i -> new TopicPartition("c", i.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (out.size() < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("saw " + out.size() + " of " + count + " commands");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(Json.fromString(r.value(), ScalingCommand.class));
                }
            }
        }
        return out;
    }
}
