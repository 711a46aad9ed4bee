package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.config.AutoscalerOptions;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run}: the autoscaler on Kafka topics.
 *
 * <pre>
 * flink run target/waddle-autoscaler.jar --config flink-conf \
 *     --autoscaler.kafka.bootstrap-servers kafka:9092
 * </pre>
 */
public final class AutoscalerJob {
    private AutoscalerJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.fromArgs(args);
        requireCheckpointing(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        Properties admin = kafka.clientProperties();
        admin.setProperty("bootstrap.servers", conf.get(AutoscalerOptions.BOOTSTRAP_SERVERS));
        for (String warning : TopicCheck.verify(conf, admin)) {
            System.err.println("warning: " + warning);
        }
        new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).execute(env);
    }

    /**
     * The command sink is transactional: without checkpoints no command would ever be committed.
     */
    static void requireCheckpointing(Configuration conf) {
        if (conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).isEmpty()) {
            throw new IllegalArgumentException(
                    CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
                            + " is not set: the exactly-once command sink commits only on"
                            + " checkpoints. Pass --config flink-conf or --"
                            + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
                            + " 10s");
        }
    }
}
