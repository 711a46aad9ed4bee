package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.demo.LocalRun;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The throughput benchmark's physical limit: the job's source, parser and exactly-once sink with no
 * logic ({@link PassThroughPipeline}) reading the same backlog on a MiniCluster.
 */
final class PassThroughRun {
    private PassThroughRun() {}

    /** Samples per second through the pass-through job onto {@code topic}. */
    static double samplesPerSecond(
            Configuration base, String topic, long backlog, JobWatch watch, PrintStream log)
            throws Exception {
        Configuration conf = new Configuration(base);
        conf.set(AutoscalerOptions.CONSUMER_GROUP, "waddle-pass-through");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "waddle-pass-through");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.configure(conf);
        KafkaConnectors k = new KafkaConnectors(conf);
        long start = System.nanoTime();
        JobClient job =
                PassThroughPipeline.executeAsync(
                        env,
                        k.metricsSource(),
                        k.exactlyOnce("pass-through", new RawStringSerializer(topic)));
        try {
            LocalRun.awaitRunning(job);
            try (KafkaConsumer<String, String> out =
                    LocalRun.readCommittedFromStart(
                            base.get(AutoscalerOptions.BOOTSTRAP_SERVERS), topic)) {
                watch.awaitRecords(
                        out, backlog, "samples through the pass-through job", job, x -> {});
            }
        } finally {
            JobWatch.stop(job);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "pass-through: %,d samples in %.1f s%n", backlog, seconds);
        return backlog / seconds;
    }

    /** Writes a string as it is. */
    private record RawStringSerializer(String topic)
            implements KafkaRecordSerializationSchema<String> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                String element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, element.getBytes(StandardCharsets.UTF_8));
        }
    }
}
