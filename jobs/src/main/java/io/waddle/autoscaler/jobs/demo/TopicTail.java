package io.waddle.autoscaler.jobs.demo;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic from its beginning in a background thread, read_committed (as a real consumer of
 * the job's output would), handing each value to a callback.
 */
final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;

    TopicTail(String bootstrapServers, String topic, Consumer<String> onValue) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread =
                new Thread(
                        () -> {
                            try {
                                while (!Thread.currentThread().isInterrupted()) {
                                    for (ConsumerRecord<String, String> r :
                                            consumer.poll(Duration.ofMillis(100))) {
                                        onValue.accept(r.value());
                                    }
                                }
                            } catch (WakeupException e) {
                                // closing
                            } finally {
                                consumer.close();
                            }
                        },
                        "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
