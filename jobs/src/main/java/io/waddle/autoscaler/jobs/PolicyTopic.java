package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.jobs.cli.Cli;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The policy topic and the policy-events topic, as the {@code policy} command line uses them. */
final class PolicyTopic {
    private static final Duration METADATA = Duration.ofSeconds(10);

    private final String topic;
    private final String eventsTopic;
    private final Properties client;

    PolicyTopic(String topic, String eventsTopic, Properties client) {
        this.topic = topic;
        this.eventsTopic = eventsTopic;
        this.client = client;
    }

    /** The latest record of every policy id, after the tombstones. */
    record Listing(
            Map<String, ScalingPolicy> valid, Map<String, String> invalid, List<String> deleted) {}

    Listing listing() {
        Map<String, String> latest = new TreeMap<>();
        TreeSet<String> deleted = new TreeSet<>();
        readAll(
                topic,
                r -> {
                    if (r.value() == null) {
                        latest.remove(r.key());
                        deleted.add(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                        deleted.remove(r.key());
                    }
                });
        Map<String, ScalingPolicy> valid = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        PolicyParser parser = new PolicyParser();
        latest.forEach(
                (id, json) -> {
                    try {
                        valid.put(id, parser.parse(json));
                    } catch (InvalidPolicyException e) {
                        invalid.put(id, e.getMessage());
                    }
                });
        return new Listing(valid, invalid, List.copyOf(deleted));
    }

    /** The latest valid version of every policy on the topic. */
    Map<String, ScalingPolicy> latest() {
        return listing().valid();
    }

    /** Every verdict of the job on the policy-events topic, oldest first. */
    List<PolicyEvent> events() {
        List<PolicyEvent> out = new ArrayList<>();
        readAll(eventsTopic, r -> out.add(PolicyCli.event(r.value())));
        return out;
    }

    /** The job's verdict on the record at {@code origin}, or null if none came in time. */
    PolicyEvent awaitVerdict(String origin, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (PolicyEvent e : events()) {
                if (origin.equals(e.origin())) {
                    return e;
                }
            }
            Thread.sleep(500);
        }
        return null;
    }

    /** Writes one record; returns where it went, as the job's events name it. */
    String send(String key, String value) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.block.ms", "15000");
        p.put("request.timeout.ms", "15000");
        p.put("delivery.timeout.ms", "30000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            RecordMetadata m =
                    producer.send(new ProducerRecord<>(topic, key, value))
                            .get(30, TimeUnit.SECONDS);
            return m.topic() + "-" + m.partition() + "@" + m.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cli.UserError("interrupted while writing to " + topic);
        } catch (Exception e) {
            throw new Cli.UserError("cannot write to " + topic + ": " + rootMessage(e));
        }
    }

    private void readAll(String name, Consumer<ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(name, METADATA).stream()
                            .map(i -> new TopicPartition(name, i.partition()))
                            .toList();
            if (parts.isEmpty()) {
                throw new Cli.UserError(
                        "no topic " + name + " on " + client.get("bootstrap.servers"));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                }
            }
        } catch (Cli.UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Cli.UserError("cannot read " + name + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
