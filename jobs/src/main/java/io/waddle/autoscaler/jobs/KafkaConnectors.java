package io.waddle.autoscaler.jobs;

import static io.waddle.autoscaler.config.AutoscalerOptions.ACTUATION_RESULTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.ALERTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.BOOTSTRAP_SERVERS;
import static io.waddle.autoscaler.config.AutoscalerOptions.COMMANDS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.CONSUMER_GROUP;
import static io.waddle.autoscaler.config.AutoscalerOptions.CONTROL_TOPIC_DISCOVERY;
import static io.waddle.autoscaler.config.AutoscalerOptions.DEAD_LETTER_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.EVENTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.MAX_FUTURE_SKEW;
import static io.waddle.autoscaler.config.AutoscalerOptions.METRICS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.PLATFORM;
import static io.waddle.autoscaler.config.AutoscalerOptions.POLICIES_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.POLICY_EVENTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.STARTING_OFFSETS;
import static io.waddle.autoscaler.config.AutoscalerOptions.TRANSACTIONAL_ID_PREFIX;
import static io.waddle.autoscaler.config.AutoscalerOptions.TRANSACTION_TIMEOUT;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.flink.ActuationResultDeserializer;
import io.waddle.autoscaler.flink.MetricDeserializationSchema;
import io.waddle.autoscaler.flink.PolicyRecordDeserializer;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

/**
 * The production sources and sinks: Kafka, configured from {@link
 * io.waddle.autoscaler.config.AutoscalerOptions}. Any key under {@code
 * autoscaler.kafka.properties.} is passed to every Kafka client as is (e.g. {@code
 * autoscaler.kafka.properties.security.protocol: SASL_SSL}).
 */
public final class KafkaConnectors {
    public static final String CLIENT_PROPERTIES_PREFIX = "autoscaler.kafka.properties.";

    private final Configuration conf;

    public KafkaConnectors(Configuration conf) {
        this.conf = conf;
    }

    /** The production sources. */
    public JobSources sources() {
        return new JobSources(metricsSource(), policiesSource(), actuationResultsSource());
    }

    /** The production sinks. */
    public JobSinks sinks() {
        return new JobSinks(
                commandsSink(), eventsSink(), policyEventsSink(), deadLetterSink(), alertsSink());
    }

    public KafkaSource<IngestRecord> metricsSource() {
        return metricsSource(new MetricDeserializationSchema(conf.get(MAX_FUTURE_SKEW)));
    }

    /** The metrics source with another deserializer (tests inject failures through one). */
    public KafkaSource<IngestRecord> metricsSource(
            KafkaRecordDeserializationSchema<IngestRecord> deserializer) {
        return KafkaSource.<IngestRecord>builder()
                .setBootstrapServers(conf.get(BOOTSTRAP_SERVERS))
                .setTopics(conf.get(METRICS_TOPIC))
                .setGroupId(conf.get(CONSUMER_GROUP))
                .setStartingOffsets(startingOffsets(conf.get(STARTING_OFFSETS), conf))
                .setDeserializer(deserializer)
                .setProperties(sourceProperties())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * The policy topic, always from its beginning at a fresh start (it is compacted: the whole
     * topic is the set of policies); from the checkpointed offsets on a restore.
     */
    public KafkaSource<PolicyRecord> policiesSource() {
        return KafkaSource.<PolicyRecord>builder()
                .setBootstrapServers(conf.get(BOOTSTRAP_SERVERS))
                .setTopicPattern(exactly(conf.get(POLICIES_TOPIC)))
                .setProperty("partition.discovery.interval.ms", discoveryMillis())
                .setGroupId(conf.get(CONSUMER_GROUP) + "-policies")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new PolicyRecordDeserializer())
                .setProperties(sourceProperties())
                .build();
    }

    /**
     * The actuator's results, from the beginning at a fresh start (the latest capacity of every
     * service is what matters), from the checkpointed offsets on a restore.
     */
    public KafkaSource<ActuationResult> actuationResultsSource() {
        return KafkaSource.<ActuationResult>builder()
                .setBootstrapServers(conf.get(BOOTSTRAP_SERVERS))
                .setTopicPattern(exactly(conf.get(ACTUATION_RESULTS_TOPIC)))
                .setProperty("partition.discovery.interval.ms", discoveryMillis())
                .setGroupId(conf.get(CONSUMER_GROUP) + "-actuation")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ActuationResultDeserializer())
                .setProperties(sourceProperties())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * A control topic (policies, actuation results) is subscribed to by a pattern matching its name
     * alone, not by name: a topic missing at the start, or deleted and created again, is no failure
     * (a source subscribed by name fails the job, and the restarts loop until the topic exists).
     * Its partitions are looked for every {@code autoscaler.kafka.control-topic-discovery} and read
     * from their beginning once found.
     */
    private static Pattern exactly(String topic) {
        return Pattern.compile(Pattern.quote(topic));
    }

    private String discoveryMillis() {
        return Long.toString(Math.max(1, conf.get(CONTROL_TOPIC_DISCOVERY).toMillis()));
    }

    public KafkaSink<PolicyEvent> policyEventsSink() {
        return exactlyOnce(
                "policy-events",
                new JsonRecordSerializer<>(
                        conf.get(POLICY_EVENTS_TOPIC),
                        PolicyEvent::policyId,
                        PolicyEvent::publishedAt));
    }

    /**
     * Commands: exactly-once, so a restart from a checkpoint replays none to read_committed
     * readers. Keyed by platform: one platform's commands share a partition, in the order the
     * coordinator issued them (dependencies first).
     */
    public KafkaSink<ScalingCommand> commandsSink() {
        String platform = conf.get(PLATFORM);
        return exactlyOnce(
                "commands",
                new JsonRecordSerializer<>(
                        conf.get(COMMANDS_TOPIC), c -> platform, ScalingCommand::decidedAt));
    }

    public KafkaSink<ScalingEvent> eventsSink() {
        return exactlyOnce(
                "events",
                new JsonRecordSerializer<>(
                        conf.get(EVENTS_TOPIC),
                        ScalingEvent::serviceRegionKey,
                        ScalingEvent::decidedAt));
    }

    /** Alerts, keyed by service/region: one service's alerts keep their order. */
    public KafkaSink<Alert> alertsSink() {
        return exactlyOnce(
                "alerts",
                new JsonRecordSerializer<>(
                        conf.get(ALERTS_TOPIC), a -> a.service() + "/" + a.region(), Alert::at));
    }

    public KafkaSink<DeadLetter> deadLetterSink() {
        return exactlyOnce(
                "dead-letters",
                new JsonRecordSerializer<>(
                        conf.get(DEAD_LETTER_TOPIC), DeadLetter::origin, DeadLetter::receivedAt));
    }

    /** An exactly-once sink with the job's Kafka settings, for any record serializer. */
    public <T> KafkaSink<T> exactlyOnce(String name, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(conf.get(BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(clientProperties())
                .setProperty(
                        "transaction.timeout.ms",
                        Long.toString(conf.get(TRANSACTION_TIMEOUT).toMillis()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(conf.get(TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .setRecordSerializer(serializer)
                .build();
    }

    /**
     * What every source of the job reads with: the client properties, and only committed records
     * ({@code read_committed}), so that the records of a producer's aborted transaction (a
     * restarted job upstream, a crashed actuator) never become samples, policies or results. The
     * consumer default, read_uncommitted, would read them.
     */
    public Properties sourceProperties() {
        Properties props = clientProperties();
        props.setProperty("isolation.level", "read_committed");
        return props;
    }

    /** The pass-through client properties (security and the like). */
    public Properties clientProperties() {
        Properties props = new Properties();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            if (e.getKey().startsWith(CLIENT_PROPERTIES_PREFIX)) {
                props.setProperty(
                        e.getKey().substring(CLIENT_PROPERTIES_PREFIX.length()), e.getValue());
            }
        }
        return props;
    }

    private static OffsetsInitializer startingOffsets(String mode, Configuration conf) {
        return switch (mode) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" ->
                    new ColdStartOffsets(
                            conf.get(AutoscalerOptions.COLD_START_MAX_AGE), Clock.systemUTC());
            default ->
                    throw new IllegalArgumentException(
                            STARTING_OFFSETS.key()
                                    + " must be committed, earliest or latest; got '"
                                    + mode
                                    + "'");
        };
    }
}
