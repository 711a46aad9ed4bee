package io.waddle.autoscaler.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the demo and the benchmarks share to run the job locally against their own broker. */
public final class LocalRun {
    private LocalRun() {}

    /** A producer of JSON strings, batching for throughput. */
    public static KafkaProducer<String, String> producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    /** The same, with client properties (security) of {@code client}. */
    public static KafkaProducer<String, String> producer(
            String bootstrap, Map<String, String> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        return new KafkaProducer<>(p);
    }

    /**
     * A consumer of every partition of {@code topic} from the beginning, read_committed: what a
     * real consumer of the job's exactly-once output sees.
     */
    public static KafkaConsumer<String, String> readCommittedFromStart(
            String bootstrap, String topic) {
        return readCommittedFromStart(bootstrap, Map.of(), topic);
    }

    /** The same, with client properties (security) of {@code client}. */
    public static KafkaConsumer<String, String> readCommittedFromStart(
            String bootstrap, Map<String, String> client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        List<TopicPartition> partitions =
                c.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    /** Waits until the job runs; fails if it ends or does not start within a minute. */
    public static void awaitRunning(JobClient job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        JobStatus status;
        while ((status = job.getJobStatus().get()) != JobStatus.RUNNING) {
            if (Instant.now().isAfter(deadline) || status.isGloballyTerminalState()) {
                throw new IllegalStateException("the job did not start: " + status);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** {@code dir}, emptied of an earlier run, as an absolute path. */
    public static Path freshDirectory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs)) {
            try (Stream<Path> paths = Files.walk(abs)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(abs);
        return abs;
    }
}
