package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
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
 * The Kafka broker killed (SIGKILL) under a running job and started again on its data: the job
 * recovers by itself, and read_committed consumers see every command once, the ones decided before
 * the outage and the ones after.
 */
class BrokerRestartIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private final Path dir =
            Path.of("target", "test-brokers", UUID.randomUUID().toString()).toAbsolutePath();
    private final LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"));

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void theJobRidesOutABrokerKillAndNoCommandIsLostOrDoubled(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        broker.start();
        broker.createTopics(3, List.of(JobTopics.names("")));
        produce(SampleBuilder.fleet(START, 0, 90, 4, 90.0));
        JobClient job = submit();
        assertThat(commands(1)).hasSize(1);

        broker.kill(); // the outage lasts while the broker's JVM starts again and becomes ready
        broker.restart();
        produce(SampleBuilder.fleet(START, 120, 210, 6, 95.0));

        List<ScalingCommand> commands = commands(2);
        assertThat(commands)
                .extracting(ScalingCommand::from, ScalingCommand::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, 6),
                        org.assertj.core.groups.Tuple.tuple(6, 8));
        assertThat(commands).extracting(ScalingCommand::commandId).doesNotHaveDuplicates();
        assertThat(client.getJobStatus(job.getJobID()).get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();
    }

    private JobClient submit() throws Exception {
        Configuration conf = JobTopics.configure(new Configuration(), "");
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        // As in flink-conf/: restart on failure (a broker gone fails the sinks' transactions).
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    private void produce(List<String> samples) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String s : samples) {
                String instance =
                        Json.fromString(s, java.util.Map.class).get("instance_id").toString();
                producer.send(new ProducerRecord<>("m", instance, s)).get();
            }
        }
    }

    /**
     * The committed commands, once there are {@code count}, and two more seconds brought no more.
     */
    private List<ScalingCommand> commands(int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ScalingCommand> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        Instant quietUntil = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    consumer.partitionsFor("c").stream()
                            .map(i -> new TopicPartition("c", i.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (quietUntil == null || Instant.now().isBefore(quietUntil)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("saw " + out.size() + " of " + count + " commands");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(Json.fromString(r.value(), ScalingCommand.class));
                    quietUntil = null;
                }
                if (out.size() >= count && quietUntil == null) {
                    quietUntil = Instant.now().plusSeconds(2);
                }
            }
        }
        return out;
    }
}
