package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.demo.LocalRun;
import io.waddle.autoscaler.jobs.AutoscalerPipeline;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import io.waddle.autoscaler.jobs.cli.Cli;
import io.waddle.autoscaler.json.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code ./autoscaler bench throughput}: the real job end to end on this machine. A generator
 * writes metric samples for many services to a real Kafka broker; the job runs on a MiniCluster
 * with RocksDB and exactly-once checkpoints; its decisions come back on the events and commands
 * topics.
 *
 * <ol>
 *   <li>Pass-through: the same source, parser and exactly-once sink with no logic reads the
 *       pre-filled backlog: the physical limit.
 *   <li>Throughput: the autoscaler reads the same backlog; sustained samples per second.
 *   <li>Latency: the generator goes on at half that rate, closing the loop (commands change the
 *       instances that report); decision latency from a step's samples reaching Kafka to the
 *       command they caused becoming visible to read_committed consumers (HdrHistogram).
 *   <li>State: the retained checkpoint's bytes per service key.
 * </ol>
 */
public final class ThroughputBench {
    static final String METRICS = "tp.metrics";
    static final String COMMANDS = "tp.commands";
    static final String EVENTS = "tp.events";
    private static final String DEAD_LETTERS = "tp.dead-letters";
    private static final String PASS_THROUGH = "tp.pass-through";

    private final int services;
    private final int initialInstances;
    private final int steps;
    private final int latencySeconds;
    private final Duration checkpointInterval;
    private final Duration timeLimit;
    private final Map<String, String> flinkSettings;
    private Path profile;
    private int taskManagers;
    private Path jar;
    private int regions = 1;
    private Duration sampleInterval = SimulatedPlatform.STEP;
    private JobWatch watch;
    private final Path workDir;
    private final Instant simStart;
    private SimulatedPlatform platform;

    ThroughputBench(
            int services,
            int instances,
            int steps,
            int latencySeconds,
            Duration checkpointInterval,
            Duration timeLimit,
            Path workDir,
            Map<String, String> flinkSettings) {
        this.workDir = workDir.toAbsolutePath();
        this.flinkSettings = Map.copyOf(flinkSettings);
        this.services = services;
        this.timeLimit = timeLimit;
        this.initialInstances = instances;
        this.steps = steps;
        this.latencySeconds = latencySeconds;
        this.checkpointInterval = checkpointInterval;
        // Event time in the recent past, aligned to the slide, so that no sample is "from the
        // future".
        this.simStart = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    }

    /** Records the autoscaler's run (JFR, CPU samples) to {@code jfr}. */
    ThroughputBench profileTo(Path jfr) {
        this.profile = jfr;
        return this;
    }

    /**
     * Runs the autoscaler from {@code jar} on a standalone cluster of {@code taskManagers}
     * TaskManager processes, one slot each, at parallelism {@code taskManagers}.
     */
    ThroughputBench onCluster(int taskManagers, Path jar) {
        this.taskManagers = taskManagers;
        this.jar = jar.toAbsolutePath();
        return this;
    }

    /** Spreads the services over {@code regions} regions of the platform (one by default). */
    ThroughputBench inRegions(int regions) {
        this.regions = regions;
        return this;
    }

    /**
     * Every instance reports every {@code interval} (a whole fraction of the 15 s step; once a step
     * by default).
     */
    ThroughputBench reportingEvery(Duration interval) {
        SimulatedPlatform.checkInterval(interval);
        this.sampleInterval = interval;
        return this;
    }

    Map<String, Object> run(PrintStream log) throws Exception {
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new Cli.UserError(
                    "--cluster runs the packaged jar, and " + jar + " is not there: mvn package");
        }
        watch = new JobWatch(System.nanoTime() + timeLimit.toNanos(), timeLimit, services);
        LocalRun.freshDirectory(workDir);
        Map<String, Object> r = new LinkedHashMap<>();
        try (LocalKafkaBroker kafka = new LocalKafkaBroker(workDir.resolve("kafka"))) {
            kafka.start();
            // On a cluster, one metrics partition for each source subtask at parallelism 2.
            createTopics(kafka, jar == null ? 1 : 2);
            platform =
                    new SimulatedPlatform(
                            METRICS, services, regions, initialInstances, sampleInterval, simStart);
            long backlog;
            try (KafkaProducer<String, String> producer =
                    LocalRun.producer(kafka.bootstrapServers())) {
                long t0 = System.nanoTime();
                backlog = 0;
                for (long k = 0; k < steps; k++) {
                    backlog += platform.sendStep(producer, k);
                }
                producer.flush();
                log.printf(
                        Locale.ROOT,
                        "backlog: %,d samples of %,d services in %.1f s%n",
                        backlog,
                        services,
                        (System.nanoTime() - t0) / 1e9);
            }
            Configuration conf = jobConfiguration(kafka.bootstrapServers());
            double passThrough =
                    PassThroughRun.samplesPerSecond(conf, PASS_THROUGH, backlog, watch, log);
            r.put("services", services);
            r.put("regions", regions);
            r.put("sampleIntervalSeconds", sampleInterval.toSeconds());
            r.put("backlogSamples", backlog);
            r.put("passThroughSamplesPerSecond", Math.round(passThrough));

            Recording recording = null;
            if (profile != null) {
                recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            StandaloneFlinkCluster cluster = null;
            long start;
            JobClient job;
            if (jar == null) {
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.createLocalEnvironment(1, conf);
                env.configure(conf);
                KafkaConnectors k = new KafkaConnectors(conf);
                start = System.nanoTime();
                job = new AutoscalerPipeline(k.sources(), k.sinks(), conf).executeAsync(env);
            } else {
                cluster =
                        new StandaloneFlinkCluster(
                                Files.createDirectories(workDir.resolve("flink")), taskManagers, 1);
                cluster.start();
                try {
                    job = cluster.submit(jar, taskManagers, conf);
                } catch (IllegalStateException e) {
                    throw new Cli.UserError(e.getMessage());
                }
                LocalRun.awaitRunning(job);
                log.printf(
                        Locale.ROOT,
                        "autoscaler jar on a standalone cluster: %d TaskManager process(es),"
                                + " parallelism %d%n",
                        taskManagers,
                        taskManagers);
                start = System.nanoTime();
                r.put("taskManagers", taskManagers);
                r.put("parallelism", taskManagers);
            }
            try {
                LocalRun.awaitRunning(job);
                long expectedEvents = (long) services * (steps - 1);
                Map<String, Integer> perService = new HashMap<>();
                double seconds;
                try (KafkaConsumer<String, String> events =
                        LocalRun.readCommittedFromStart(kafka.bootstrapServers(), EVENTS)) {
                    watch.awaitRecords(
                            events,
                            expectedEvents,
                            "decisions",
                            job,
                            e -> perService.merge(e.key(), 1, Integer::sum));
                    seconds = (System.nanoTime() - start) / 1e9;
                    if (recording != null) {
                        recording.stop();
                        recording.dump(profile);
                        log.printf(Locale.ROOT, "profile of the autoscaler's run: %s%n", profile);
                    }
                    // Exactly once: no decision comes twice, not even a checkpoint later.
                    long grace = System.nanoTime() + checkpointInterval.toNanos() * 3;
                    while (System.nanoTime() < grace) {
                        events.poll(Duration.ofMillis(100))
                                .forEach(e -> perService.merge(e.key(), 1, Integer::sum));
                    }
                }
                r.put(
                        "decisionsSeen",
                        perService.values().stream().mapToLong(Integer::longValue).sum());
                r.put(
                        "servicesWithEveryDecisionOnce",
                        perService.values().stream().filter(n -> n == steps - 1).count());
                double throughput = backlog / seconds;
                log.printf(
                        Locale.ROOT,
                        "autoscaler: %,d samples -> %,d decisions in %.1f s%n",
                        backlog,
                        expectedEvents,
                        seconds);
                r.put("decisions", expectedEvents);
                r.put("autoscalerSamplesPerSecond", Math.round(throughput));
                r.put("ratioToPassThrough", Math.round(throughput / passThrough * 1000) / 1000.0);

                Histogram latency =
                        latencyRun(kafka.bootstrapServers(), throughput / 2, job, r, log);
                r.put("latencyRunSamplesPerSecond", Math.round(throughput / 2));
                r.put("commandsMeasured", latency.getTotalCount());
                r.put("decisionLatencyP50Ms", latency.getValueAtPercentile(50) / 1000.0);
                r.put("decisionLatencyP99Ms", latency.getValueAtPercentile(99) / 1000.0);
                r.put("decisionLatencyMaxMs", latency.getMaxValue() / 1000.0);
                r.put("checkpointIntervalMs", checkpointInterval.toMillis());
                r.put(
                        "stateBytesPerServiceKey",
                        CheckpointStorage.bytes(workDir.resolve("checkpoints"), job.getJobID())
                                / services);
            } finally {
                JobWatch.stop(job);
                if (cluster != null) {
                    r.putAll(cluster.taskManagerMemory());
                    cluster.close();
                }
                if (recording != null) {
                    recording.close();
                }
            }
        }
        return r;
    }

    /**
     * Paced steps after the backlog; commands change how many instances report. Latency of a
     * command = visible to a read_committed consumer minus when its step's samples were sent.
     */
    private Histogram latencyRun(
            String bootstrap,
            double samplesPerSecond,
            JobClient job,
            Map<String, Object> results,
            PrintStream log)
            throws Exception {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        Thread commandReader;
        try (KafkaProducer<String, String> producer = LocalRun.producer(bootstrap);
                KafkaConsumer<String, String> commands =
                        LocalRun.readCommittedFromStart(bootstrap, COMMANDS)) {
            // The commands of the throughput run take effect before the loop closes.
            int earlier = 0;
            for (var batch = commands.poll(Duration.ofMillis(500));
                    !batch.isEmpty();
                    batch = commands.poll(Duration.ofMillis(500))) {
                for (ConsumerRecord<String, String> r : batch) {
                    onCommand(Json.fromString(r.value(), ScalingCommand.class), h);
                    earlier++;
                }
            }
            log.printf(Locale.ROOT, "commands of the throughput run: %,d%n", earlier);
            results.put("commandsOfThroughputRun", earlier);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(latencySeconds);
            long k = steps;
            long next = System.nanoTime();
            while (System.nanoTime() < deadline) {
                JobWatch.checkAlive(job, "the latency run");
                int sent = platform.sendStep(producer, k);
                producer.flush();
                next += (long) (sent / samplesPerSecond * 1e9);
                k++;
                while (System.nanoTime() < next) {
                    for (ConsumerRecord<String, String> r : commands.poll(Duration.ofMillis(10))) {
                        onCommand(Json.fromString(r.value(), ScalingCommand.class), h);
                    }
                }
            }
            long until = System.nanoTime() + checkpointInterval.toNanos() * 3;
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : commands.poll(Duration.ofMillis(20))) {
                    onCommand(Json.fromString(r.value(), ScalingCommand.class), h);
                }
            }
            log.printf(
                    Locale.ROOT,
                    "latency run: %d steps, %,d commands%n",
                    k - steps,
                    h.getTotalCount());
        }
        return h;
    }

    /** A command of a step after the backlog is measured; every command takes effect. */
    private void onCommand(ScalingCommand c, Histogram h) {
        long step = platform.stepOf(c.decidedAt());
        Long sentAt = platform.sentNanos(step);
        if (sentAt != null && step >= steps) {
            h.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt)));
        }
        platform.apply(c);
    }

    private Configuration jobConfiguration(String bootstrap) {
        Configuration conf = jobConfiguration(bootstrap, workDir, checkpointInterval);
        // A failure ends the run with its cause: no restarts against a broker that has gone.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // --set KEY=VALUE, last: any Flink or autoscaler option, for the trade-off runs.
        conf.addAll(Configuration.fromMap(flinkSettings));
        return conf;
    }

    /**
     * The job as the benchmarks run it on their own broker: the bench topics, RocksDB with
     * incremental exactly-once checkpoints under {@code workDir}, the managed memory of
     * flink-conf/, event time from the samples alone (no skew or out-of-orderness: the generator's
     * clock is the platform's).
     */
    static Configuration jobConfiguration(
            String bootstrap, Path workDir, Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(AutoscalerOptions.METRICS_TOPIC, METRICS);
        conf.set(AutoscalerOptions.COMMANDS_TOPIC, COMMANDS);
        conf.set(AutoscalerOptions.EVENTS_TOPIC, EVENTS);
        conf.set(AutoscalerOptions.DEAD_LETTER_TOPIC, DEAD_LETTERS);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "waddle-throughput");
        conf.set(AutoscalerOptions.MAX_OUT_OF_ORDERNESS, Duration.ZERO);
        conf.set(AutoscalerOptions.MAX_FUTURE_SKEW, Duration.ZERO);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        // The managed memory flink-conf/ gives a TaskManager (RocksDB's), for the MiniCluster's.
        StandaloneFlinkCluster.flinkConfManagedMemory()
                .ifPresent(m -> conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, m));
        return conf;
    }

    /** Creates the job's topics on {@code kafka}, the metrics topic with {@code partitions}. */
    static void createTopics(LocalKafkaBroker kafka, int partitions) throws Exception {
        kafka.createTopics(partitions, List.of(METRICS));
        kafka.createTopics(List.of(COMMANDS, EVENTS, DEAD_LETTERS, PASS_THROUGH));
        kafka.createCompactedTopic(AutoscalerOptions.POLICIES_TOPIC.defaultValue());
        kafka.createTopics(
                List.of(
                        AutoscalerOptions.POLICY_EVENTS_TOPIC.defaultValue(),
                        AutoscalerOptions.ACTUATION_RESULTS_TOPIC.defaultValue(),
                        AutoscalerOptions.ALERTS_TOPIC.defaultValue()));
    }
}
