package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.Observation;
import io.waddle.autoscaler.bench.loop.SampleSynthesizer;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.demo.LocalRun;
import io.waddle.autoscaler.jobs.AutoscalerPipeline;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import io.waddle.autoscaler.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code --engine flink}: waddle as the real job, in lock step with the simulation. Each step's
 * samples go to a real Kafka broker; the job (Flink MiniCluster, RocksDB, exactly-once checkpoints)
 * reads them in accelerated event time; the step waits for the decision of every window that step
 * closed, read back read_committed from the events topic, and for the command it issued from the
 * commands topic.
 */
public final class FlinkJobAutoscaler implements BenchAutoscaler, AutoCloseable {
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
    private final Admin admin;
    private final String resultsGroup;
    private final long sizeMs;
    private final long slideMs;
    private final TreeSet<Long> openWindows = new TreeSet<>();
    private final List<ScalingEvent> decisions = new ArrayList<>();

    public FlinkJobAutoscaler(Path workDir, Configuration jobOptions) throws Exception {
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
        conf.set(AutoscalerOptions.IDLENESS, Duration.ZERO);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(5));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(50));
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ZERO);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        resultsGroup = conf.get(AutoscalerOptions.CONSUMER_GROUP) + "-actuation";
        sizeMs = conf.get(AutoscalerOptions.WINDOW_SIZE).toMillis();
        slideMs = conf.get(AutoscalerOptions.WINDOW_SLIDE).toMillis();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.configure(conf);
        KafkaConnectors k = new KafkaConnectors(conf);
        job = new AutoscalerPipeline(k.sources(), k.sinks(), conf).executeAsync(env);
        LocalRun.awaitRunning(job);
        producer = LocalRun.producer(kafka.bootstrapServers());
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        events = LocalRun.readCommittedFromStart(kafka.bootstrapServers(), EVENTS);
        commands = LocalRun.readCommittedFromStart(kafka.bootstrapServers(), COMMANDS);
    }

    @Override
    public String name() {
        return "waddle";
    }

    /** Every decision the job logged, in order. */
    public List<ScalingEvent> events() {
        return List.copyOf(decisions);
    }

    @Override
    public int decide(Observation o) {
        try {
            return step(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int step(Observation o) throws Exception {
        long now = o.now().toEpochMilli();
        List<MetricSample> samples = SampleSynthesizer.samples(o);
        for (MetricSample s : samples) {
            producer.send(
                    new ProducerRecord<>(
                            METRICS, null, now, s.serviceRegionKey(), Json.sampleToJson(s)));
        }
        producer.flush();
        int expected = 0;
        while (!openWindows.isEmpty() && openWindows.first() <= now) {
            openWindows.pollFirst();
            expected++;
        }
        if (!samples.isEmpty()) {
            for (long end = Math.floorDiv(now, slideMs) * slideMs + slideMs;
                    end <= now + sizeMs;
                    end += slideMs) {
                openWindows.add(end);
            }
        }
        int capacity = o.desired();
        for (String json : await(events, expected)) {
            ScalingEvent e = Json.fromString(json, ScalingEvent.class);
            decisions.add(e);
            if (e.issuesCommand()) {
                ScalingCommand c = Json.fromString(await(commands, 1).get(0), ScalingCommand.class);
                if (!c.commandId().equals(e.commandId())) {
                    throw new IllegalStateException(
                            "command " + c.commandId() + " does not match event " + e);
                }
                capacity = c.to();
                report(ActuationResult.applied(c, o.now()));
            }
        }
        return capacity;
    }

    /**
     * The benchmark's actuator applies a command within its step and reports the result; the step
     * ends once the job has read it (its committed offset, which a completed checkpoint moves,
     * covers the record), so the next window sees the lock released, as in the model.
     */
    private void report(ActuationResult r) throws Exception {
        long offset =
                producer.send(
                                new ProducerRecord<>(
                                        RESULTS,
                                        null,
                                        r.appliedAt().toEpochMilli(),
                                        r.serviceRegionKey(),
                                        Json.toString(r)))
                        .get()
                        .offset();
        TopicPartition partition = new TopicPartition(RESULTS, 0);
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            OffsetAndMetadata committed =
                    admin.listConsumerGroupOffsets(resultsGroup)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(partition);
            if (committed != null && committed.offset() > offset) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the job did not read actuation result " + offset + " in " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> await(KafkaConsumer<String, String> consumer, int n) {
        List<String> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (out.size() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the job gave " + out.size() + " of " + n + " expected records in " + WAIT);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                out.add(r.value());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        producer.close();
        admin.close();
        events.close();
        commands.close();
        job.cancel().get(30, TimeUnit.SECONDS);
        kafka.close();
    }
}
