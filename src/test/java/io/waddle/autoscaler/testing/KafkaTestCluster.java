package io.waddle.autoscaler.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) in the test JVM, with helpers to
 * create topics, produce and read back. Register with {@code @RegisterExtension static}.
 */
public final class KafkaTestCluster implements BeforeAllCallback, AfterAllCallback {
    private KafkaClusterTestKit cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // Tests replay traces from the past: time-based retention would delete
                        // their records (the broker's check runs every few minutes).
                        .setConfigProp("log.retention.ms", "-1")
                        .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopics(String... topics) throws Exception {
        createTopics(1, topics);
    }

    /** The topics, each with {@code partitions} partitions. */
    public void createTopics(int partitions, String... topics) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String t : topics) {
            newTopics.add(new NewTopic(t, partitions, (short) 1));
        }
        createTopics(newTopics);
    }

    /** The topics as given, once the broker lists them and every partition has its leader. */
    public void createTopics(List<NewTopic> newTopics) throws Exception {
        String[] topics = newTopics.stream().map(NewTopic::name).toArray(String[]::new);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(newTopics).all().get();
            // The controller has them; wait until the broker's metadata lists them too, so that a
            // test reading the topic list right after sees them.
            Instant deadline = Instant.now().plusSeconds(30);
            while (!admin.listTopics().names().get().containsAll(List.of(topics))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("topics not listed after 30 s: " + List.of(topics));
                }
                Thread.onSpinWait();
            }
            // And every partition has its leader: a producer that writes to a partition whose
            // leader is not yet in place gets NOT_LEADER_OR_FOLLOWER, and its retries can land
            // batches out of order (seen in CI: a test's first samples then came after later ones
            // and were late).
            while (!allLed(admin, List.of(topics))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "partitions without a leader after 30 s: " + List.of(topics));
                }
                Thread.onSpinWait();
            }
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) throws Exception {
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
            for (var p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A producer that keeps each partition's records in the order sent, through retries too. */
    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return p;
    }

    /** Sends each value with the given record timestamp, and waits until all are acknowledged. */
    public void produce(String topic, List<String> values, Instant recordTime) throws Exception {
        produce(topic, values, recordTime, null);
    }

    /** The same, every record with {@code key}. */
    public void produce(String topic, List<String> values, Instant recordTime, String key)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, null, recordTime.toEpochMilli(), key, v));
            }
            producer.flush();
        }
    }

    /** Sends each (key, value) in order with the given record timestamp; waits for all. */
    public void produceKeyed(String topic, List<Map.Entry<String, String>> records, Instant time)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (Map.Entry<String, String> r : records) {
                producer.send(
                        new ProducerRecord<>(
                                topic, null, time.toEpochMilli(), r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} holds for what was read, or fails
     * when {@code timeout} passes.
     *
     * @param readCommitted read_committed (what consumers of the job see) or read_uncommitted
     *     (everything written, aborted transactions included)
     */
    public List<String> readUntil(
            String topic, boolean readCommitted, Predicate<List<String>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(values)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "timed out after "
                                    + timeout
                                    + " reading "
                                    + topic
                                    + "; read so far: "
                                    + values);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /**
     * The committed records of {@code topic} once there are at least {@code count} and two more
     * seconds brought none (so that a duplicate would have been seen too).
     */
    public List<String> readQuietly(String topic, int count, Duration timeout) {
        long[] quietSince = {0};
        int[] seen = {-1};
        return readUntil(
                topic,
                true,
                v -> {
                    if (v.size() != seen[0]) {
                        seen[0] = v.size();
                        quietSince[0] = System.nanoTime();
                    }
                    return v.size() >= count && System.nanoTime() - quietSince[0] > 2_000_000_000L;
                },
                timeout);
    }
}
