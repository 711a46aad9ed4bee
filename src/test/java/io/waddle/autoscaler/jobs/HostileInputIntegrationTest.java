package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.alerts.AlertCondition;
import io.waddle.autoscaler.core.ingest.RejectReason;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyVerdict;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.CorruptMetrics;
import io.waddle.autoscaler.testing.CorruptMetrics.Corrupt;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.PolicyMutants;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a real broker, fed 100,000 corrupted metric records mixed into valid ones, on
 * topics of three partitions, against the same valid records alone. The job runs without restarts
 * allowed, so any exception on input would fail it.
 *
 * <ul>
 *   <li>every corrupted record is dead-lettered with a reason of its kind;
 *   <li>a flood of fake instance ids is cut at the instance bound, the rest dead-lettered;
 *   <li>the valid records give exactly the decisions and commands they give alone;
 *   <li>both jobs are still RUNNING at the end.
 * </ul>
 */
class HostileInputIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long SEED = 13;
    private static final int CORRUPT = 100_000;
    private static final int LARGE = 12;
    private static final int FLOOD = 2_000;
    private static final int MAX_INSTANCES = 500;
    private static final int PARTITIONS = 3;
    private static final int POLICY_MUTANTS = 150;

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * Under target/, not a JUnit temporary folder: a cancelled job's last checkpoint files can
     * still be written while the folder would be deleted.
     */
    private final Path checkpoints =
            Path.of(
                            "target",
                            "test-checkpoints",
                            getClass().getSimpleName(),
                            UUID.randomUUID().toString())
                    .toAbsolutePath();

    @Test
    void corruptedMetricsAreDeadLetteredAndTheValidOnesDecideAsTheyWouldAlone(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        createTopics("alone-");
        createTopics("mixed-");
        List<String> valid = SampleBuilder.fleet(START, 0, 90, 4, 90.0);
        List<Corrupt> corrupt = new CorruptMetrics(SEED, START, Instant.now()).next(CORRUPT, LARGE);
        // The flood: fake ids of one service in the first 15 s pane, sent with the valid samples
        // of the same seconds, so that it is on time, and past the bound in that pane.
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            flood.add(
                    SampleBuilder.compute("flood", "flood-region")
                            .instance("fake-" + i)
                            .at(START.plusSeconds(5 * (i % 3)))
                            .cpu(50)
                            .json());
        }

        produce("alone-m", valid, List.of(), List.of());
        produce("mixed-m", valid, corrupt, flood);
        // The actuator knows the flood's service: 3 instances, whatever ids report.
        String inventory =
                Json.toString(
                        ActuationResult.observed(
                                "flood", "flood-region", ServiceKind.COMPUTE, 3, START));
        send(
                List.of(
                        new ProducerRecord<>(
                                "mixed-r",
                                "flood/flood-region".getBytes(StandardCharsets.UTF_8),
                                inventory.getBytes(StandardCharsets.UTF_8))));
        JobClient alone = submit("alone-");
        JobClient mixed = submit("mixed-");

        List<ScalingCommand> aloneCommands = commands("alone-c", c -> c.size() == 1);
        List<ScalingEvent> aloneEvents = chatApiEvents("alone-e", e -> !e.isEmpty());
        List<DeadLetter> deadLetters = deadLetters("mixed-d", CORRUPT + FLOOD - MAX_INSTANCES);
        List<ScalingCommand> mixedCommands = commands("mixed-c", c -> c.size() == 1);
        List<ScalingEvent> mixedEvents =
                chatApiEvents("mixed-e", e -> e.size() >= aloneEvents.size());
        List<ScalingEvent> floodEvents = events("mixed-e", "flood", e -> !e.isEmpty());

        assertThat(mixedCommands)
                .extracting(HostileInputIntegrationTest::command)
                .containsExactlyElementsOf(
                        aloneCommands.stream().map(HostileInputIntegrationTest::command).toList());
        assertThat(mixedEvents)
                .extracting(HostileInputIntegrationTest::decision)
                .containsExactlyElementsOf(
                        aloneEvents.stream().map(HostileInputIntegrationTest::decision).toList());
        Map<RejectReason, Long> reasons =
                deadLetters.stream()
                        .collect(
                                Collectors.groupingBy(
                                        d -> RejectReason.valueOf(d.reason()),
                                        Collectors.counting()));
        assertThat(deadLetters).hasSize(CORRUPT + FLOOD - MAX_INSTANCES);
        assertThat(reasons.get(RejectReason.TOO_MANY_INSTANCES)).isEqualTo(FLOOD - MAX_INSTANCES);
        assertThat(reasons.get(RejectReason.TOO_LARGE)).isGreaterThanOrEqualTo(LARGE);
        assertThat(reasons.keySet())
                .containsAll(
                        Set.of(
                                RejectReason.INVALID_JSON,
                                RejectReason.MISSING_FIELD,
                                RejectReason.INVALID_FIELD,
                                RejectReason.UNKNOWN_SERVICE_KIND,
                                RejectReason.NOT_A_NUMBER,
                                RejectReason.NEGATIVE_VALUE,
                                RejectReason.OUT_OF_RANGE,
                                RejectReason.TIMESTAMP_IN_FUTURE));
        assertThat(floodEvents.get(0).from())
                .as("the flood's service is decided from its inventory, not its 500 ids")
                .isEqualTo(3);
        assertThat(client.getJobStatus(alone.getJobID()).get()).isEqualTo(JobStatus.RUNNING);
        assertThat(client.getJobStatus(mixed.getJobID()).get()).isEqualTo(JobStatus.RUNNING);
        alone.cancel().get();
        mixed.cancel().get();
    }

    private static List<Object> command(ScalingCommand c) {
        return List.of(c.commandId(), c.action(), c.from(), c.to(), c.reason(), c.decidedAt());
    }

    private static List<Object> decision(ScalingEvent e) {
        return List.of(
                e.eventId(), e.decidedAt(), e.outcome(), e.action(), e.from(), e.to(), e.reason());
    }

    private static void createTopics(String prefix) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : JobTopics.names(prefix)) {
            // Room for the 10 MB records, so that the broker takes them and the job must cope.
            topics.add(
                    new NewTopic(t, PARTITIONS, (short) 1)
                            .configs(Map.of("max.message.bytes", Integer.toString(16 << 20))));
        }
        KAFKA.createTopics(topics);
    }

    /**
     * The valid samples in time order, keyed by instance (each instance's samples stay in order on
     * one partition); the flood after the valid samples of its seconds (0 to 10 s, the first 12);
     * the corrupted records spread evenly through it all, each with the key of the valid record
     * before it. A partition of corrupted records only would hold event time back until it is idle,
     * long after the valid ones are in.
     */
    private static void produce(
            String topic, List<String> valid, List<Corrupt> corrupt, List<String> flood)
            throws Exception {
        List<ProducerRecord<byte[], byte[]>> timeline = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            String v = valid.get(i);
            timeline.add(
                    record(topic, Json.fromString(v, Map.class).get("instance_id").toString(), v));
            if (i == 11) {
                flood.forEach(f -> timeline.add(record(topic, "i-0", f)));
            }
        }
        List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
        int perRecord = corrupt.size() / timeline.size() + 1;
        int next = 0;
        for (ProducerRecord<byte[], byte[]> r : timeline) {
            all.add(r);
            for (int i = 0; i < perRecord && next < corrupt.size(); i++, next++) {
                Corrupt c = corrupt.get(next);
                all.add(
                        new ProducerRecord<>(
                                topic, null, c.recordTime().toEpochMilli(), null, c.value()));
            }
        }
        send(all);
    }

    private static void send(List<ProducerRecord<byte[], byte[]>> all) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 << 20));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
        // Each partition's records in the order sent, through retries too.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : all) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(); // every record is on the topic, or the test stops here
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(
                topic,
                null,
                START.plusSeconds(90).toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Seeded mutants of every shipped example policy, published on the policy topic while the
     * metrics flow: each record gets exactly one verdict, a refusal names its field, and the job
     * goes on deciding without a restart.
     */
    @Test
    void policyMutantsGetAVerdictEachAndTheJobKeepsDeciding(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        createTopics("pol-");
        Random random = new Random(SEED);
        List<ProducerRecord<byte[], byte[]>> policies = new ArrayList<>();
        for (Path example : PolicyMutants.examples()) {
            JsonNode original = new ObjectMapper().readTree(Files.readString(example));
            String key = original.get("policy_id").asText();
            for (int i = 0; i < POLICY_MUTANTS; i++) {
                byte[] doc =
                        PolicyMutants.mutate(original.deepCopy(), random)
                                .getBytes(StandardCharsets.UTF_8);
                policies.add(
                        new ProducerRecord<>(
                                "pol-p",
                                null,
                                START.toEpochMilli(),
                                key.getBytes(StandardCharsets.UTF_8),
                                doc));
            }
        }
        send(policies);
        List<String> valid = SampleBuilder.fleet(START, 0, 90, 4, 90.0);
        produce("pol-m", valid, List.of(), List.of());

        JobClient job = submit("pol-");
        List<PolicyEvent> verdicts = new ArrayList<>();
        readCommitted(
                "pol-pe",
                v -> verdicts.add(Json.fromString(v, PolicyEvent.class)),
                () -> verdicts.size() >= policies.size());
        List<ScalingEvent> decisions = chatApiEvents("pol-e", e -> !e.isEmpty());

        assertThat(verdicts).hasSize(policies.size());
        assertThat(verdicts)
                .filteredOn(e -> e.verdict() == PolicyVerdict.REJECTED)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.field()).isNotNull());
        assertThat(verdicts).anyMatch(e -> e.verdict() == PolicyVerdict.ACCEPTED);
        assertThat(decisions).isNotEmpty();
        assertThat(client.getJobStatus(job.getJobID()).get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();
    }

    /**
     * One service, then a whole region, stop sending metrics while another service goes on: each
     * silent one gets one METRICS_SILENT decision and a firing alert, its capacity is held (no
     * command), and when the service reports again its alert resolves by itself.
     */
    @Test
    void silentServicesAndRegionsAreHeldAndAlertedAndRecoverByThemselves() throws Exception {
        createTopics("quiet-");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int t = 0; t < 420; t += 5) {
            add(records, "quiet-m", "chat-ws", "eu-west", t);
            if (t < 90 || t >= 300) {
                add(records, "quiet-m", "chat-api", "eu-west", t);
            }
            if (t < 90) {
                add(records, "quiet-m", "chat-api", "ap-south", t);
                add(records, "quiet-m", "chat-ws", "ap-south", t);
            }
        }
        send(records);

        JobClient job = submit("quiet-");
        List<ScalingEvent> silent = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        readCommitted(
                "quiet-e",
                v -> {
                    ScalingEvent e = Json.fromString(v, ScalingEvent.class);
                    if (Reason.valueOf(e.reason()) == Reason.METRICS_SILENT) {
                        silent.add(e);
                    }
                },
                () -> silent.size() >= 3);
        readCommitted(
                "quiet-a",
                v -> alerts.add(Json.fromString(v, Alert.class)),
                () -> alerts.stream().anyMatch(a -> a.status().equals(Alert.RESOLVED)));
        List<ScalingCommand> commands = new ArrayList<>();
        long readUntil = System.nanoTime() + 3_000_000_000L;
        readCommitted(
                "quiet-c",
                v -> commands.add(Json.fromString(v, ScalingCommand.class)),
                () -> System.nanoTime() > readUntil);

        assertThat(silent)
                .extracting(e -> e.service() + "/" + e.region())
                .containsExactlyInAnyOrder(
                        "chat-api/eu-west", "chat-api/ap-south", "chat-ws/ap-south");
        assertThat(alerts)
                .filteredOn(
                        a -> AlertCondition.valueOf(a.condition()) == AlertCondition.METRICS_SILENT)
                .extracting(a -> a.service() + "/" + a.region() + " " + a.status())
                .contains(
                        "chat-api/eu-west " + Alert.FIRING,
                        "chat-api/ap-south " + Alert.FIRING,
                        "chat-ws/ap-south " + Alert.FIRING,
                        "chat-api/eu-west " + Alert.RESOLVED);
        assertThat(commands).as("capacity held, never cut for want of data").isEmpty();
        job.cancel().get();
    }

    /** Three instances of {@code service} in {@code region} at 65 % CPU (within tolerance). */
    private static void add(
            List<ProducerRecord<byte[], byte[]>> records,
            String topic,
            String service,
            String region,
            int t) {
        for (int i = 0; i < 3; i++) {
            String v =
                    SampleBuilder.compute(service, region)
                            .instance(service + "-" + i)
                            .at(START.plusSeconds(t))
                            .cpu(65)
                            .memory(40)
                            .json();
            records.add(record(topic, service + "/" + region, v));
        }
    }

    /**
     * The review's defect 4: with no committed offsets the source fell back to the earliest, and
     * two hours of history became scaling decisions and commands now. The default (committed) first
     * start reads only the last cold-start-max-age (5 min).
     */
    @Test
    void aFirstStartDecidesOnlyOnRecentSamplesNotOnHistory() throws Exception {
        createTopics("cold-");
        Instant now = Instant.now();
        Instant history = now.minus(Duration.ofHours(2));
        Instant recent = now.minusSeconds(150);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Instant from : List.of(history, recent)) {
            for (String v : SampleBuilder.fleet(from, 0, 90, 4, 90.0)) {
                Instant at =
                        Instant.parse(Json.fromString(v, Map.class).get("timestamp").toString());
                records.add(
                        new ProducerRecord<>(
                                "cold-m",
                                null,
                                at.toEpochMilli(),
                                Json.fromString(v, Map.class)
                                        .get("instance_id")
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8),
                                v.getBytes(StandardCharsets.UTF_8)));
            }
        }
        send(records);

        JobClient job = submit("cold-", "committed");
        List<ScalingEvent> events = chatApiEvents("cold-e", e -> !e.isEmpty());

        assertThat(events)
                .allSatisfy(e -> assertThat(e.decidedAt()).isAfter(recent.minusSeconds(1)));
        assertThat(events.get(0).action()).isEqualTo("scale_up");
        job.cancel().get();
    }

    private JobClient submit(String prefix) throws Exception {
        return submit(prefix, "earliest");
    }

    private JobClient submit(String prefix, String startingOffsets) throws Exception {
        Configuration conf = JobTopics.configure(new Configuration(), prefix);
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        conf.set(AutoscalerOptions.STARTING_OFFSETS, startingOffsets);
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "hostile-" + prefix);
        conf.set(AutoscalerOptions.CONSUMER_GROUP, "hostile-" + prefix);
        conf.set(AutoscalerOptions.MAX_INSTANCES, MAX_INSTANCES);
        conf.setString(
                KafkaConnectors.CLIENT_PROPERTIES_PREFIX + "max.partition.fetch.bytes",
                Integer.toString(16 << 20));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.resolve(prefix).toUri().toString());
        // Any exception on input fails the job instead of being hidden by a restart.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        return new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
    }

    /** chat-api's commands (the flood's service gets its own). */
    private static List<ScalingCommand> commands(
            String topic, Predicate<List<ScalingCommand>> done) {
        List<ScalingCommand> out = new ArrayList<>();
        readCommitted(
                topic,
                v -> {
                    ScalingCommand c = Json.fromString(v, ScalingCommand.class);
                    if (c.service().equals("chat-api")) {
                        out.add(c);
                    }
                },
                () -> done.test(out));
        return out;
    }

    /** chat-api's events, once {@code done} holds and two more seconds brought no more. */
    private static List<ScalingEvent> chatApiEvents(
            String topic, Predicate<List<ScalingEvent>> done) {
        return events(topic, "chat-api", done);
    }

    /** {@code service}'s events, once {@code done} holds and two more seconds brought no more. */
    private static List<ScalingEvent> events(
            String topic, String service, Predicate<List<ScalingEvent>> done) {
        List<ScalingEvent> out = new ArrayList<>();
        long[] quietSince = {0};
        readCommitted(
                topic,
                v -> {
                    ScalingEvent e = Json.fromString(v, ScalingEvent.class);
                    if (e.service().equals(service)) {
                        out.add(e);
                        quietSince[0] = System.nanoTime();
                    }
                },
                () -> done.test(out) && System.nanoTime() - quietSince[0] > 2_000_000_000L);
        out.sort(java.util.Comparator.comparing(ScalingEvent::decidedAt));
        return out;
    }

    private static List<DeadLetter> deadLetters(String topic, int count) {
        List<DeadLetter> out = new ArrayList<>();
        try {
            readCommitted(
                    topic,
                    v -> out.add(Json.fromString(v, DeadLetter.class)),
                    () -> out.size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage()
                            + ": "
                            + out.size()
                            + " of "
                            + count
                            + ", by reason "
                            + out.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    DeadLetter::reason, Collectors.counting())));
        }
        return out;
    }

    private static void readCommitted(
            String topic,
            java.util.function.Consumer<String> each,
            java.util.function.BooleanSupplier done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Instant deadline = Instant.now().plus(WAIT);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("timed out after " + WAIT + " reading " + topic);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(r.value());
                }
            }
        }
    }
}
