package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The simulated actuator's word on each command (and its inventory), on the results topic, and a
 * way to wait until the job has read it: its results source commits its offsets when a checkpoint
 * completes, and the coordinator has then applied the result. Waiting keeps the simulation in lock
 * step with the job, so that a run's decisions do not depend on how busy the machine is.
 */
public final class ActuationReporter implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private final String topic;
    private final String group;
    private long last = -1;

    /**
     * @param group the job's consumer group for the results (its metrics group + "-actuation")
     */
    public ActuationReporter(
            String bootstrap,
            Map<String, String> client,
            KafkaProducer<String, String> producer,
            String topic,
            String group) {
        this.producer = producer;
        Map<String, Object> admin = new java.util.HashMap<>(client);
        admin.put("bootstrap.servers", bootstrap);
        this.admin = Admin.create(admin);
        this.topic = topic;
        this.group = group;
    }

    /** Writes the result; the job reads it asynchronously ({@link #awaitRead}). */
    public void report(ActuationResult r) throws InterruptedException, ExecutionException {
        last =
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        r.appliedAt().toEpochMilli(),
                                        r.serviceRegionKey(),
                                        Json.toString(r)))
                        .get()
                        .offset();
    }

    /** Waits until the job has read every result reported so far. */
    public void awaitRead(Duration wait) throws Exception {
        if (last < 0) {
            return;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            OffsetAndMetadata committed =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(partition);
            if (committed != null && committed.offset() > last) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the job did not read actuation result " + last + " in " + wait);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
