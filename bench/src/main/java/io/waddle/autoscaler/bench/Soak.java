package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.demo.LocalKafkaBroker;
import io.waddle.autoscaler.demo.LocalRun;
import io.waddle.autoscaler.jobs.AutoscalerPipeline;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import io.waddle.autoscaler.jobs.cli.Cli;
import io.waddle.autoscaler.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code ./autoscaler soak}: the real job under overload. The throughput benchmark's platform (a
 * real broker, the job on a MiniCluster with RocksDB and exactly-once checkpoints, the closed loop)
 * is paced in three phases: below the sustainable rate, then a multiple of it for minutes, then
 * below it again until the backlog is gone. The job is backpressured (the backlog waits in Kafka);
 * it runs with Flink's default restart strategy, and every restart is counted.
 *
 * <p>Measured: per phase, the decision latency (a decision visible to read_committed consumers
 * minus when the samples that closed its window were sent), the rate samples were sent and
 * decisions came, the checkpoints completed and their durations; when latency came back; the JVM's
 * heap and resident memory against the TaskManager's configured size. At the end every service's
 * decisions are counted: each must have come exactly once.
 */
final class Soak {
    /** A phase: samples per second sent, for how long (the last lasts until drained). */
    record Phase(String name, double samplesPerSecond, Duration length) {}

    private static final Duration BUCKET = Duration.ofSeconds(10);

    private final int services;
    private final int instances;
    private final List<Phase> phases;
    private final Duration drainLimit;
    private final Duration checkpointInterval;
    private final Path workDir;
    private final Instant simStart;

    private final Map<String, Integer> decisionsPerService = new ConcurrentHashMap<>();
    private final Map<Long, Integer> phaseOfStep = new ConcurrentHashMap<>();
    private final List<Histogram> latency = new ArrayList<>();
    private final Map<Long, Histogram> latencyByBucket = new ConcurrentHashMap<>();
    private final AtomicLong decisionsSeen = new AtomicLong();
    private final AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    private volatile boolean reading = true;
    private final SoakCheckpoints checkpoints;
    private final List<Long> phaseEnds = new ArrayList<>();
    private long failedInFirstPhase;
    private SimulatedPlatform platform;
    private long startNanos;

    Soak(
            int services,
            int instances,
            List<Phase> phases,
            Duration drainLimit,
            Duration checkpointInterval,
            Path workDir) {
        this.services = services;
        this.instances = instances;
        this.phases = List.copyOf(phases);
        this.drainLimit = drainLimit;
        this.checkpointInterval = checkpointInterval;
        this.workDir = workDir.toAbsolutePath();
        this.simStart = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < phases.size(); i++) {
            latency.add(new Histogram(TimeUnit.HOURS.toMicros(2), 3));
        }
        this.checkpoints = new SoakCheckpoints(phases.size());
    }

    Map<String, Object> run(PrintStream log) throws Exception {
        LocalRun.freshDirectory(workDir);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("services", services);
        try (LocalKafkaBroker kafka = new LocalKafkaBroker(workDir.resolve("kafka"))) {
            kafka.start();
            ThroughputBench.createTopics(kafka, 1);
            platform =
                    new SimulatedPlatform(
                            ThroughputBench.METRICS,
                            services,
                            1,
                            instances,
                            SimulatedPlatform.STEP,
                            simStart);
            Configuration conf =
                    ThroughputBench.jobConfiguration(
                            kafka.bootstrapServers(), workDir, checkpointInterval);
            conf.setString("metrics.reporter.soak.factory.class", SoakMetrics.class.getName());
            conf.setString("metrics.reporter.soak.interval", "1 s");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.configure(conf);
            KafkaConnectors k = new KafkaConnectors(conf);
            JobClient job = new AutoscalerPipeline(k.sources(), k.sinks(), conf).executeAsync(env);
            Thread reader = null;
            try {
                LocalRun.awaitRunning(job);
                startNanos = System.nanoTime();
                reader = new Thread(() -> read(kafka.bootstrapServers()), "soak-reader");
                reader.setDaemon(true);
                reader.start();
                long steps = pace(kafka.bootstrapServers(), job, r, log);
                drain(job, steps, log);
                stopReading(reader);
                report(steps, r, log);
            } finally {
                stopReading(reader);
                JobWatch.stop(job);
            }
        }
        return r;
    }

    private void stopReading(Thread reader) throws InterruptedException {
        reading = false;
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Sends the phases' steps at their rates; returns how many steps were sent. */
    private long pace(String bootstrap, JobClient job, Map<String, Object> r, PrintStream log)
            throws Exception {
        long k = 0;
        try (KafkaProducer<String, String> producer = LocalRun.producer(bootstrap)) {
            for (int p = 0; p < phases.size(); p++) {
                Phase phase = phases.get(p);
                long begin = System.nanoTime();
                long end = begin + phase.length().toNanos();
                long next = begin;
                long sent = 0;
                while (System.nanoTime() < end) {
                    phaseOfStep.put(k, p);
                    int n = platform.sendStep(producer, k);
                    producer.flush();
                    sent += n;
                    k++;
                    next += (long) (n / phase.samplesPerSecond() * 1e9);
                    tick(job, phase.name(), p);
                    while (System.nanoTime() < next) {
                        TimeUnit.MILLISECONDS.sleep(5);
                        tick(job, phase.name(), p);
                    }
                }
                if (p == 0) {
                    // Checkpoints triggered while the job's tasks were still starting fail.
                    failedInFirstPhase = SoakMetrics.read(SoakMetrics.FAILED_CHECKPOINTS).orElse(0);
                }
                phaseEnds.add(System.nanoTime() - startNanos);
                double seconds = (System.nanoTime() - begin) / 1e9;
                Map<String, Object> m = phaseResults(r, phase);
                m.put("targetSamplesPerSecond", Math.round(phase.samplesPerSecond()));
                m.put("sentSamplesPerSecond", Math.round(sent / seconds));
                m.put("seconds", Math.round(seconds));
                log.printf(
                        Locale.ROOT,
                        "%s: %.0f s, %,d samples sent (%,.0f/s), %,d decisions seen so far%n",
                        phase.name(),
                        seconds,
                        sent,
                        sent / seconds,
                        decisionsSeen.get());
            }
        }
        return k;
    }

    /**
     * Waits until every decision of the steps sent has come, then a while longer for duplicates.
     */
    private void drain(JobClient job, long steps, PrintStream log) throws Exception {
        long expected = (long) services * (steps - 1);
        long deadline = System.nanoTime() + drainLimit.toNanos();
        int last = phases.size() - 1;
        while (decisionsSeen.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new Cli.UserError(
                        String.format(
                                Locale.ROOT,
                                "the backlog did not drain: %,d of %,d decisions %d s after the"
                                        + " last phase (--drain-limit)",
                                decisionsSeen.get(),
                                expected,
                                drainLimit.toSeconds()));
            }
            TimeUnit.MILLISECONDS.sleep(20);
            tick(job, "the backlog to drain", last);
        }
        log.printf(
                Locale.ROOT,
                "drained: %,d decisions %.0f s after the start%n",
                expected,
                (System.nanoTime() - startNanos) / 1e9);
        // Exactly once: nothing comes twice, not even some checkpoints later.
        long grace = System.nanoTime() + Math.max(5_000_000_000L, checkpointInterval.toNanos() * 5);
        while (System.nanoTime() < grace) {
            TimeUnit.MILLISECONDS.sleep(20);
            tick(job, "duplicates", last);
        }
    }

    private long lastSample;
    private long lastCheck;

    /** Samples the checkpoint gauges (every 100 ms) and checks the job is alive (every second). */
    private void tick(JobClient job, String what, int phase) throws Exception {
        long now = System.nanoTime();
        if (now - lastSample > TimeUnit.MILLISECONDS.toNanos(100)) {
            lastSample = now;
            checkpoints.sample(phase);
        }
        if (now - lastCheck > TimeUnit.SECONDS.toNanos(1)) {
            lastCheck = now;
            checkAlive(job, what);
        }
    }

    private void checkAlive(JobClient job, String what) throws Exception {
        if (readerFailure.get() != null) {
            throw new IllegalStateException("the soak's reader failed", readerFailure.get());
        }
        JobWatch.checkAlive(job, what);
    }

    /** Reads decisions (latency, count per service) and commands (the closed loop). */
    private void read(String bootstrap) {
        try (KafkaConsumer<String, String> events =
                        LocalRun.readCommittedFromStart(bootstrap, ThroughputBench.EVENTS);
                KafkaConsumer<String, String> commands =
                        LocalRun.readCommittedFromStart(bootstrap, ThroughputBench.COMMANDS)) {
            while (reading) {
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> e : events.poll(Duration.ofMillis(50))) {
                    decisionsPerService.merge(e.key(), 1, Integer::sum);
                    decisionsSeen.incrementAndGet();
                    long step = platform.stepOf(Instant.ofEpochMilli(e.timestamp() + 1));
                    Long sent = platform.sentNanos(step);
                    Integer phase = phaseOfStep.get(step);
                    if (sent != null && phase != null) {
                        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sent));
                        latency.get(phase)
                                .recordValue(Math.min(micros, TimeUnit.HOURS.toMicros(2)));
                        long bucket = (sent - startNanos) / BUCKET.toNanos();
                        latencyByBucket
                                .computeIfAbsent(
                                        bucket, b -> new Histogram(TimeUnit.HOURS.toMicros(2), 2))
                                .recordValue(Math.min(micros, TimeUnit.HOURS.toMicros(2)));
                    }
                }
                for (ConsumerRecord<String, String> c : commands.poll(Duration.ZERO)) {
                    platform.apply(Json.fromString(c.value(), ScalingCommand.class));
                }
            }
        } catch (Throwable t) {
            readerFailure.set(t);
        }
    }

    private void report(long steps, Map<String, Object> r, PrintStream log) throws IOException {
        r.put("steps", steps);
        long expected = steps - 1;
        r.put("decisionsExpected", (long) services * expected);
        r.put("decisionsSeen", decisionsSeen.get());
        long lost = 0;
        long duplicated = 0;
        for (int s = 0; s < services; s++) {
            int n = decisionsPerService.getOrDefault("svc-" + s + "/bench", 0);
            lost += Math.max(0, expected - n);
            duplicated += Math.max(0, n - expected);
        }
        r.put("decisionsLost", lost);
        r.put("decisionsDuplicated", duplicated);
        for (int p = 0; p < phases.size(); p++) {
            Map<String, Object> m = phaseResults(r, phases.get(p));
            Histogram h = latency.get(p);
            m.put("decisions", h.getTotalCount());
            m.put("latencyP50Ms", h.getValueAtPercentile(50) / 1000);
            m.put("latencyP99Ms", h.getValueAtPercentile(99) / 1000);
            m.put("latencyMaxMs", h.getMaxValue() / 1000);
            checkpoints.report(p, m);
        }
        r.put("latencyRecoveredSecondsAfterOverload", recovery());
        long failed = SoakMetrics.read(SoakMetrics.FAILED_CHECKPOINTS).orElse(-1);
        r.put("checkpointsFailedIn" + capitalized(phases.get(0).name()), failedInFirstPhase);
        r.put("checkpointsFailedAfter", failed < 0 ? -1 : failed - failedInFirstPhase);
        r.put("jobRestarts", SoakMetrics.read(SoakMetrics.RESTARTS).orElse(-1));
        SoakMemory.report(r);
        log.printf(
                Locale.ROOT,
                "every service's decisions: %,d lost, %,d duplicated%n",
                lost,
                duplicated);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> phaseResults(Map<String, Object> r, Phase phase) {
        return (Map<String, Object>)
                r.computeIfAbsent(phase.name(), n -> new LinkedHashMap<String, Object>());
    }

    /**
     * Seconds from the end of the overload to the first 10 s of sent steps from which every later
     * bucket's p99 latency is within twice the p99 before the overload (and at least 1 s); -1 if it
     * never came back.
     */
    private long recovery() {
        int before = indexOf("before");
        int overload = indexOf("overload");
        if (before < 0 || overload < 0) {
            return -1;
        }
        long bound = Math.max(1_000_000, 2 * latency.get(before).getValueAtPercentile(99));
        // When the overload really ended: a phase ends with the step that crosses its length.
        long overloadEnd = phaseEnds.get(overload);
        long firstAfter = overloadEnd / BUCKET.toNanos();
        List<Long> buckets = new ArrayList<>(latencyByBucket.keySet());
        buckets.sort(null);
        Long recovered = null;
        for (long b : buckets) {
            if (b < firstAfter) {
                continue;
            }
            if (latencyByBucket.get(b).getValueAtPercentile(99) <= bound) {
                if (recovered == null) {
                    recovered = b;
                }
            } else {
                recovered = null;
            }
        }
        return recovered == null
                ? -1
                : Math.max(0, (recovered * BUCKET.toNanos() - overloadEnd) / 1_000_000_000L);
    }

    private static String capitalized(String phase) {
        StringBuilder b = new StringBuilder();
        for (String part : phase.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private int indexOf(String phase) {
        for (int p = 0; p < phases.size(); p++) {
            if (phases.get(p).name().equals(phase)) {
                return p;
            }
        }
        return -1;
    }
}
