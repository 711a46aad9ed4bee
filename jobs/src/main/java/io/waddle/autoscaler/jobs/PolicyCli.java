package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./autoscaler policy validate|publish|list|delete}: manage the policies on the compacted
 * policy topic. Validation is the job's own, so a policy that validates here is accepted there.
 */
public final class PolicyCli {
    static final String USAGE =
            """
            Usage: ./autoscaler policy validate FILE
                   ./autoscaler policy publish FILE [kafka flags]
                   ./autoscaler policy list [kafka flags]
                   ./autoscaler policy delete POLICY_ID [kafka flags]

              validate   checks FILE as the job would; exits 1 with the job's message if invalid
              publish    validates FILE, then writes it to the policy topic keyed by its policy_id
              list       the policies in force: the latest record per policy id on the topic
              delete     writes a tombstone for POLICY_ID: the job drops the policy

            Kafka flags:
              --bootstrap HOST:PORT     brokers (default localhost:9092)
              --topic NAME              policy topic (default waddle.policies)
              --command-config FILE     Kafka client properties, e.g. security.protocol=SASL_SSL,
                                        sasl.mechanism, sasl.jaas.config, ssl.truststore.location
              --property KEY=VALUE      one Kafka client property; may repeat
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final PolicyParser parser = new PolicyParser();

    public PolicyCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new PolicyCli(out, err).run(args));
    }

    /** Runs a command; returns the exit code (0 ok, 1 refused, 2 usage). */
    public int run(String[] args) {
        List<String> positional = new ArrayList<>();
        String bootstrap = "localhost:9092";
        String topic = AutoscalerOptions.POLICIES_TOPIC.defaultValue();
        Properties client = new Properties();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--bootstrap" -> bootstrap = value(args, ++i, a);
                    case "--topic" -> topic = value(args, ++i, a);
                    case "--command-config" -> {
                        try (InputStream in = Files.newInputStream(Path.of(value(args, ++i, a)))) {
                            client.load(in);
                        }
                    }
                    case "--property" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(
                                    "--property needs KEY=VALUE; got " + kv);
                        }
                        client.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown flag " + a);
                        }
                        positional.add(a);
                    }
                }
            }
            client.setProperty("bootstrap.servers", bootstrap);
            String command = positional.isEmpty() ? "" : positional.get(0);
            return switch (command) {
                case "validate" -> validate(argument(positional, "FILE"));
                case "publish" -> publish(argument(positional, "FILE"), topic, client);
                case "list" -> list(topic, client);
                case "delete" -> delete(argument(positional, "POLICY_ID"), topic, client);
                default ->
                        throw new IllegalArgumentException(
                                "needs validate, publish, list or delete"
                                        + (command.isEmpty() ? "" : "; got " + command));
            };
        } catch (IllegalArgumentException | IOException e) {
            err.println("policy: " + e.getMessage() + " (see --help)");
            return 2;
        }
    }

    private int validate(String file) throws IOException {
        ScalingPolicy p = read(file);
        if (p == null) {
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "valid: policy %s version %d, %s, mode %s%n",
                p.policyId(),
                p.version(),
                describe(p.appliesTo()),
                p.mode().wireName());
        return 0;
    }

    private int publish(String file, String topic, Properties client) throws IOException {
        ScalingPolicy p = read(file);
        if (p == null) {
            return 1;
        }
        RecordMetadata m = send(topic, client, p.policyId(), Files.readString(Path.of(file)));
        if (m == null) {
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "published policy %s version %d to %s-%d@%d%n",
                p.policyId(),
                p.version(),
                m.topic(),
                m.partition(),
                m.offset());
        return 0;
    }

    private int delete(String id, String topic, Properties client) {
        RecordMetadata m = send(topic, client, id, null);
        if (m == null) {
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "deleted policy %s (tombstone at %s-%d@%d)%n",
                id,
                m.topic(),
                m.partition(),
                m.offset());
        return 0;
    }

    private int list(String topic, Properties client) {
        Map<String, String> latest = new TreeMap<>();
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        } catch (RuntimeException e) {
            err.println("policy: cannot read " + topic + ": " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "%-28s %8s  %-10s %s%n", "policy", "version", "mode", "applies to");
        for (Map.Entry<String, String> e : latest.entrySet()) {
            try {
                ScalingPolicy sp = parser.parse(e.getValue());
                out.printf(
                        Locale.ROOT,
                        "%-28s %8d  %-10s %s%n",
                        e.getKey(),
                        sp.version(),
                        sp.mode().wireName(),
                        describe(sp.appliesTo()));
            } catch (InvalidPolicyException ex) {
                out.printf(
                        Locale.ROOT,
                        "%-28s %8s  %-10s invalid, not in force: %s%n",
                        e.getKey(),
                        "-",
                        "-",
                        ex.getMessage());
            }
        }
        return 0;
    }

    private ScalingPolicy read(String file) throws IOException {
        String json;
        try {
            json = Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try {
            return parser.parse(json);
        } catch (InvalidPolicyException e) {
            err.println("invalid: " + e.getMessage());
            return null;
        }
    }

    private RecordMetadata send(String topic, Properties client, String key, String value) {
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
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("policy: cannot write to " + topic + ": " + cause.getMessage());
            return null;
        }
    }

    static String describe(ScalingPolicy.Selector s) {
        if (s.isDefault()) {
            return "every service (default)";
        }
        String who =
                s.service() != null
                        ? "service " + s.service()
                        : s.servicePattern() != null
                                ? "services " + s.servicePattern()
                                : "every service";
        return who + (s.region() != null ? " in " + s.region() : "");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static String argument(List<String> positional, String name) {
        if (positional.size() < 2) {
            throw new IllegalArgumentException(positional.get(0) + " needs " + name);
        }
        return positional.get(1);
    }
}
