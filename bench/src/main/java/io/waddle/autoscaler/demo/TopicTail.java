package io.waddle.autoscaler.demo;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows a topic from its beginning in a background thread, read_committed (as a real consumer of
 * the job's output would), handing each value to a callback.
 */
final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;

    TopicTail(
            String bootstrapServers,
            Map<String, String> client,
            String topic,
            Consumer<String> onValue) {
        consumer = LocalRun.readCommittedFromStart(bootstrapServers, client, topic);
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
