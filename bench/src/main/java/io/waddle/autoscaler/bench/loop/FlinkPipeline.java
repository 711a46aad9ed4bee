package io.waddle.autoscaler.bench.loop;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.windows.SlidingWindows;
import io.waddle.autoscaler.demo.ActuationReporter;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.demo.LocalRun;
import io.waddle.autoscaler.jobs.AutoscalerPipeline;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import io.waddle.autoscaler.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The real job in lock step with a closed-loop benchmark: a Kafka broker process, the job on a
 * Flink MiniCluster (RocksDB, exactly-once checkpoints), samples in accelerated event time. Each
 * step sends its samples, waits for the decision of every window (of every service) that the step's
 * watermark closes, read back {@code read_committed} from the events topic, and for the command of
 * each decision that issued one; the actuator's result goes back on the results topic, and the step
 * ends once the job has read it, so that the next window sees the lock released, as in {@link
 * DirectPipeline}. Steps must be the window's slide: one round per step.
 */
public final class FlinkPipeline implements DecisionEngine {
    private static final String METRICS = "bench.metrics";
    private static final String COMMANDS = "bench.commands";
    private static final String EVENTS = "bench.events";
    private static final String DEAD_LETTERS = "bench.dead-letters";
    private static final String RESULTS = "bench.actuation-results";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LocalKafkaBroker kafka;
    private final JobClient job;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> events;
    private final KafkaConsumer<String, String> commands;
    private final ActuationReporter results;
    private final SlidingWindows windows;
    private final Map<String, TreeSet<Long>> openWindows = new HashMap<>();
    // A poll can return more records than a step asked for: they wait here for their turn.
    private final ArrayDeque<String> eventsRead = new ArrayDeque<>();
    private final ArrayDeque<String> commandsRead = new ArrayDeque<>();

    /**
     * @param jobOptions the job's options; the pipeline adds its topics and lock-step settings
     */
    public FlinkPipeline(Path workDir, Configuration jobOptions) throws Exception {
        LocalRun.freshDirectory(workDir);
        kafka = new LocalKafkaBroker(workDir.resolve("kafka"));
        kafka.start();
        kafka.createTopics(List.of(METRICS, COMMANDS, EVENTS, DEAD_LETTERS, RESULTS));
        kafka.createCompactedTopic(AutoscalerOptions.POLICIES_TOPIC.defaultValue());
        kafka.createTopics(
                List.of(
                        AutoscalerOptions.POLICY_EVENTS_TOPIC.defaultValue(),
                        AutoscalerOptions.ALERTS_TOPIC.defaultValue()));
        Configuration conf = new Configuration(jobOptions);
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(AutoscalerOptions.METRICS_TOPIC, METRICS);
        conf.set(AutoscalerOptions.COMMANDS_TOPIC, COMMANDS);
        conf.set(AutoscalerOptions.EVENTS_TOPIC, EVENTS);
        conf.set(AutoscalerOptions.DEAD_LETTER_TOPIC, DEAD_LETTERS);
        conf.set(AutoscalerOptions.ACTUATION_RESULTS_TOPIC, RESULTS);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "waddle-bench");
        // Lock step: samples arrive in order, and each step's watermark follows at once.
        conf.set(AutoscalerOptions.MAX_OUT_OF_ORDERNESS, Duration.ZERO);
        conf.set(AutoscalerOptions.MAX_FUTURE_SKEW, Duration.ZERO);
        conf.set(AutoscalerOptions.IDLENESS, Duration.ZERO);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(5));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(50));
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ZERO);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        windows =
                new SlidingWindows(
                        conf.get(AutoscalerOptions.WINDOW_SIZE),
                        conf.get(AutoscalerOptions.WINDOW_SLIDE));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.configure(conf);
        KafkaConnectors k = new KafkaConnectors(conf);
        job = new AutoscalerPipeline(k.sources(), k.sinks(), conf).executeAsync(env);
        LocalRun.awaitRunning(job);
        producer = LocalRun.producer(kafka.bootstrapServers());
        results =
                new ActuationReporter(
                        kafka.bootstrapServers(),
                        java.util.Map.of(),
                        producer,
                        RESULTS,
                        conf.get(AutoscalerOptions.CONSUMER_GROUP) + "-actuation");
        events = LocalRun.readCommittedFromStart(kafka.bootstrapServers(), EVENTS);
        commands = LocalRun.readCommittedFromStart(kafka.bootstrapServers(), COMMANDS);
    }

    @Override
    public void observed(ActuationResult inventory) throws Exception {
        report(inventory);
    }

    @Override
    public List<ScalingEvent> step(
            Instant now,
            List<MetricSample> samples,
            Function<ScalingCommand, ActuationResult> actuator)
            throws Exception {
        long at = now.toEpochMilli();
        for (MetricSample s : samples) {
            producer.send(
                    new ProducerRecord<>(
                            METRICS, null, at, s.serviceRegionKey(), Json.sampleToJson(s)));
        }
        producer.flush();
        int expected = 0;
        for (TreeSet<Long> ends : openWindows.values()) {
            while (!ends.isEmpty() && ends.first() <= at) {
                ends.pollFirst();
                expected++;
            }
        }
        for (MetricSample s : samples) {
            openWindows
                    .computeIfAbsent(s.serviceRegionKey(), k -> new TreeSet<>())
                    .addAll(windows.endsOf(s.timestamp()));
        }
        List<ScalingEvent> out = new ArrayList<>();
        for (String json : take(events, eventsRead, expected, "decisions at " + now)) {
            ScalingEvent e = Json.fromString(json, ScalingEvent.class);
            out.add(e);
            if (e.issuesCommand()) {
                String what =
                        "the command of "
                                + e.serviceRegionKey()
                                + " "
                                + e.from()
                                + "->"
                                + e.to()
                                + " "
                                + e.reason()
                                + " at "
                                + now;
                ScalingCommand c =
                        Json.fromString(
                                take(commands, commandsRead, 1, what).get(0), ScalingCommand.class);
                if (!c.commandId().equals(e.commandId())) {
                    throw new IllegalStateException(
                            "command " + c.commandId() + " does not match event " + e.eventId());
                }
                report(actuator.apply(c));
            }
        }
        return out;
    }

    /** The actuator's result goes to the results topic; the step goes on once the job read it. */
    private void report(ActuationResult r) throws Exception {
        results.report(r);
        results.awaitRead(WAIT);
    }

    /** The next {@code n} records of {@code consumer}, in order; what a poll gave beyond waits. */
    private static List<String> take(
            KafkaConsumer<String, String> consumer, ArrayDeque<String> read, int n, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (read.size() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the job gave "
                                + read.size()
                                + " of "
                                + n
                                + " expected records in "
                                + WAIT
                                + ": "
                                + what
                                + " "
                                + read);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                read.add(r.value());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(read.poll());
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        results.close();
        producer.close();
        events.close();
        commands.close();
        job.cancel().get(30, TimeUnit.SECONDS);
        kafka.close();
    }
}
