package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The broker the demo runs on and its topics there: by default a broker of its own, started for the
 * run, with the job's default topic names; with {@code --bootstrap}, a broker the user runs,
 * reached with the client properties of {@code --command-config} and {@code --property} (TLS,
 * SASL), by every client of the demo: the job, the simulated platform's producer, the actuator and
 * the views. On a broker of the user's the topics, consumer groups and transactional ids are the
 * run's own ({@code waddle-demo-<time>}), so that the demo never writes to a real deployment's
 * commands topic nor joins its consumer groups; the topics are left there.
 */
final class DemoKafka implements AutoCloseable {
    /** The job's topics, as the demo names them. */
    record Topics(
            String metrics,
            String policies,
            String commands,
            String events,
            String policyEvents,
            String deadLetters,
            String actuationResults,
            String alerts) {

        static Topics defaults() {
            return new Topics(
                    AutoscalerOptions.METRICS_TOPIC.defaultValue(),
                    AutoscalerOptions.POLICIES_TOPIC.defaultValue(),
                    AutoscalerOptions.COMMANDS_TOPIC.defaultValue(),
                    AutoscalerOptions.EVENTS_TOPIC.defaultValue(),
                    AutoscalerOptions.POLICY_EVENTS_TOPIC.defaultValue(),
                    AutoscalerOptions.DEAD_LETTER_TOPIC.defaultValue(),
                    AutoscalerOptions.ACTUATION_RESULTS_TOPIC.defaultValue(),
                    AutoscalerOptions.ALERTS_TOPIC.defaultValue());
        }

        static Topics prefixed(String prefix) {
            return new Topics(
                    prefix + "metrics",
                    prefix + "policies",
                    prefix + "scaling-commands",
                    prefix + "scaling-events",
                    prefix + "policy-events",
                    prefix + "metrics-dead-letters",
                    prefix + "actuation-results",
                    prefix + "alerts");
        }

        void configure(Configuration conf) {
            conf.set(AutoscalerOptions.METRICS_TOPIC, metrics);
            conf.set(AutoscalerOptions.POLICIES_TOPIC, policies);
            conf.set(AutoscalerOptions.COMMANDS_TOPIC, commands);
            conf.set(AutoscalerOptions.EVENTS_TOPIC, events);
            conf.set(AutoscalerOptions.POLICY_EVENTS_TOPIC, policyEvents);
            conf.set(AutoscalerOptions.DEAD_LETTER_TOPIC, deadLetters);
            conf.set(AutoscalerOptions.ACTUATION_RESULTS_TOPIC, actuationResults);
            conf.set(AutoscalerOptions.ALERTS_TOPIC, alerts);
        }

        List<String> all() {
            return List.of(
                    metrics,
                    policies,
                    commands,
                    events,
                    policyEvents,
                    deadLetters,
                    actuationResults,
                    alerts);
        }
    }

    private final LocalKafkaBroker own;
    private final String bootstrap;
    private final Map<String, String> client;
    private final Topics topics;
    private final String run;

    private DemoKafka(
            LocalKafkaBroker own,
            String bootstrap,
            Map<String, String> client,
            Topics topics,
            String run) {
        this.own = own;
        this.bootstrap = bootstrap;
        this.client = Map.copyOf(client);
        this.topics = topics;
        this.run = run;
    }

    /** A broker of the demo's own under {@code dir}, started. */
    static DemoKafka own(Path dir) throws Exception {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir);
        try {
            broker.start();
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return new DemoKafka(
                broker, broker.bootstrapServers(), Map.of(), Topics.defaults(), "waddle-demo");
    }

    /**
     * The user's broker at {@code bootstrap}, with the run's own topics, consumer groups and
     * transactional ids, all named {@code run}.
     */
    static DemoKafka external(String bootstrap, Map<String, String> client, String run) {
        return new DemoKafka(null, bootstrap, client, Topics.prefixed(run + "."), run);
    }

    /**
     * The demo's own broker, started, or the user's ({@code --bootstrap}): the run's own topics
     * created there.
     */
    static DemoKafka open(DemoOptions options, Path ownDir, java.io.PrintStream out)
            throws Exception {
        DemoKafka kafka;
        if (options.bootstrap().isEmpty()) {
            out.print("Starting Kafka... ");
            kafka = own(ownDir);
        } else {
            out.print("Connecting to Kafka at " + options.bootstrap() + "... ");
            kafka =
                    external(
                            options.bootstrap(),
                            options.kafkaProperties(),
                            "waddle-demo-" + System.currentTimeMillis() / 1000);
        }
        try {
            kafka.createTopics();
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        out.println(
                "ready at "
                        + kafka.bootstrapServers()
                        + (kafka.isOwn()
                                ? ""
                                : " (this run's topics: "
                                        + kafka.topics().metrics()
                                        + " and the"
                                        + " others of its prefix)"));
        return kafka;
    }

    boolean isOwn() {
        return own != null;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** The client properties every client of the demo gets (empty on its own broker). */
    Map<String, String> client() {
        return client;
    }

    Topics topics() {
        return topics;
    }

    /** Creates the topics the broker lacks (the policy topic compacted). */
    void createTopics() throws Exception {
        Map<String, Object> admin = new HashMap<>(client);
        admin.put("bootstrap.servers", bootstrap);
        admin.put("default.api.timeout.ms", 30_000);
        try (Admin a = Admin.create(admin)) {
            Set<String> existing = a.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics.all()) {
                if (!existing.contains(t)) {
                    NewTopic topic = new NewTopic(t, 1, (short) -1);
                    if (t.equals(topics.policies())) {
                        topic.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(topic);
                }
            }
            a.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The job's connection: the bootstrap servers, the topics, the consumer group and transactional
     * ids, and the client properties.
     */
    void configure(Configuration conf) {
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, run);
        if (own == null) {
            conf.set(AutoscalerOptions.CONSUMER_GROUP, run);
        }
        topics.configure(conf);
        client.forEach((k, v) -> conf.setString(KafkaConnectors.CLIENT_PROPERTIES_PREFIX + k, v));
    }

    KafkaProducer<String, String> producer() {
        return LocalRun.producer(bootstrap, client);
    }

    TopicTail tail(String topic, java.util.function.Consumer<String> onValue) {
        return new TopicTail(bootstrap, client, topic, onValue);
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
