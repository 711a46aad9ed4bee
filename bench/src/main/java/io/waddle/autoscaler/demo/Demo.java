package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceRegion;
import io.waddle.autoscaler.jobs.AutoscalerPipeline;
import io.waddle.autoscaler.jobs.KafkaConnectors;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.sim.CacheModel;
import io.waddle.autoscaler.sim.ComputeModel;
import io.waddle.autoscaler.sim.DatabaseModel;
import io.waddle.autoscaler.sim.InstanceModel;
import io.waddle.autoscaler.sim.ServiceModel;
import io.waddle.autoscaler.sim.SimulatedPlatform;
import io.waddle.autoscaler.sim.SupplyLedger;
import io.waddle.autoscaler.sim.Trace;
import io.waddle.autoscaler.sim.WebRtcModel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./autoscaler demo}: the autoscaler closing the loop on one machine. A real Kafka broker,
 * the Flink job on a MiniCluster (RocksDB, exactly-once checkpoints), and a simulated platform that
 * replays a real trace as metric samples and applies the job's commands after a provisioning delay.
 */
public final class Demo {
    /** A region: a share of the trace's load, shifted in time, and its phase of the day. */
    record Region(String name, double loadFactor, Duration shift, double phaseHours) {}

    static final List<Region> REGIONS =
            List.of(
                    new Region("eu-west", 1.0, Duration.ZERO, 0),
                    new Region("us-east", 0.6, Duration.ofMinutes(-90), 6),
                    new Region("ap-south", 0.4, Duration.ofMinutes(120), -5));

    /** A simulated service of the platform, in its region. */
    record SimService(ServiceModel model, Region region) {
        String key() {
            return ServiceRegion.key(model.service(), model.region());
        }
    }

    private static final Duration STEP = Duration.ofSeconds(15);
    private static final double TARGET_UTILIZATION = 0.7;

    /** The simulated sessions: bytes of cache per request per second, on 4 GiB nodes. */
    private static final double CACHE_BYTES_PER_REQUEST = 4e6;

    private static final double CACHE_NODE_BYTES = 4L << 30;
    private static final int CONNECTIONS_PER_WORKER = 10;
    private static final String METRICS = "waddle.metrics";
    private static final String COMMANDS = "waddle.scaling-commands";
    private static final String EVENTS = "waddle.scaling-events";
    private static final String DEAD_LETTERS = "waddle.metrics-dead-letters";

    private final DemoOptions options;
    private final PrintStream out;
    private final DemoReport report;
    private final Queue<ScalingCommand> commands = new ConcurrentLinkedQueue<>();
    private final Map<String, ScalingEvent> lastDecision = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger alertsRaised =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, ScalingEvent> lastCommand = new ConcurrentHashMap<>();

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new DemoReport(out);
    }

    int run() throws Exception {
        Trace trace =
                options.trace() == null ? Trace.bundledWorldCup() : Trace.load(options.trace());
        Instant start = options.start();
        Instant end = start.plus(Duration.ofMinutes(options.minutes()));
        if (start.isBefore(trace.start()) || end.isAfter(trace.end())) {
            throw new IllegalArgumentException(
                    "--start and --minutes must lie inside the trace ("
                            + trace.start()
                            + " to "
                            + trace.end()
                            + ")");
        }
        double capacity = trace.quantile(0.999) / options.peakInstances();
        Path workDir = LocalRun.freshDirectory(options.workDir());
        out.printf(
                "Waddle autoscaler demo: %d simulated minutes at %.0fx. Work dir %s%n",
                options.minutes(), options.speedup(), workDir);

        try (LocalKafkaBroker kafka = new LocalKafkaBroker(workDir.resolve("kafka"))) {
            out.print("Starting Kafka... ");
            kafka.start();
            kafka.createTopics(List.of(METRICS, COMMANDS, EVENTS, DEAD_LETTERS));
            kafka.createCompactedTopic(AutoscalerOptions.POLICIES_TOPIC.defaultValue());
            kafka.createTopics(
                    List.of(
                            AutoscalerOptions.POLICY_EVENTS_TOPIC.defaultValue(),
                            AutoscalerOptions.ACTUATION_RESULTS_TOPIC.defaultValue(),
                            AutoscalerOptions.ALERTS_TOPIC.defaultValue()));
            out.println("ready at " + kafka.bootstrapServers());
            out.println(
                    "  Change a policy while it runs, from another terminal:\n"
                            + "    ./autoscaler policy publish"
                            + " flink-conf/policies/demo-cap-eu-west.json --bootstrap "
                            + kafka.bootstrapServers());

            String influx = reachableInflux(options.influx());
            if (influx != null) {
                out.println(
                        "Writing decisions, alerts and utilization to InfluxDB at "
                                + influx
                                + " (database waddle). Grafana: docker/grafana (see the README),"
                                + " time range from "
                                + DemoOptions.START_FORMAT.withZone(ZoneOffset.UTC).format(start)
                                + " UTC.");
            } else if (!options.influx().isEmpty()) {
                out.println(
                        "No InfluxDB answers at "
                                + options.influx()
                                + ": the record stays in Kafka only (README: \"The event log in"
                                + " InfluxDB\" says how to start one).");
            }
            out.print("Starting the Flink job on a MiniCluster... ");
            Configuration conf = jobConfiguration(kafka.bootstrapServers(), capacity, workDir);
            if (influx != null) {
                conf.set(AutoscalerOptions.INFLUX_URL, influx);
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), conf);
            env.configure(conf);
            KafkaConnectors connectors = new KafkaConnectors(conf);
            JobClient job =
                    new AutoscalerPipeline(connectors.sources(), connectors.sinks(), conf)
                            .executeAsync(env);
            LocalRun.awaitRunning(job);
            out.println("running (job " + job.getJobID() + ")");

            try (KafkaProducer<String, String> producer =
                            LocalRun.producer(kafka.bootstrapServers());
                    TopicTail c =
                            new TopicTail(kafka.bootstrapServers(), COMMANDS, this::onCommand);
                    TopicTail e = new TopicTail(kafka.bootstrapServers(), EVENTS, this::onEvent);
                    TopicTail a =
                            new TopicTail(
                                    kafka.bootstrapServers(),
                                    AutoscalerOptions.ALERTS_TOPIC.defaultValue(),
                                    this::onAlert)) {
                return simulate(trace, capacity, start, end, producer, job);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private int simulate(
            Trace trace,
            double capacity,
            Instant start,
            Instant end,
            KafkaProducer<String, String> producer,
            JobClient job)
            throws Exception {
        SimulatedPlatform platform =
                new SimulatedPlatform(options.provisioningDelay(), options.drainTime());
        InstanceModel instances = new InstanceModel(capacity, options.seed());
        List<SimService> services = services(instances, capacity);
        List<SupplyLedger> ledgers = new ArrayList<>();
        for (SimService s : services) {
            int initial = s.model().initialCapacity(step(trace, s, start, platform));
            platform.addService(s.model().service(), s.region().name(), initial);
            ledgers.add(new SupplyLedger(capacity));
            // The actuator's inventory: what each service has before any command.
            report(
                    producer,
                    ActuationResult.observed(
                            s.model().service(),
                            s.region().name(),
                            s.model().kind(),
                            initial,
                            start));
        }
        long wallStart = System.nanoTime();
        long viewEverySteps = Duration.ofMinutes(options.viewEveryMinutes()).dividedBy(STEP);
        long step = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(STEP), step++) {
            platform.advance(t);
            applyCommands(platform, services, ledgers, producer, t);
            for (int i = 0; i < services.size(); i++) {
                SimService s = services.get(i);
                ServiceModel.Step now = step(trace, s, t, platform);
                List<String> ready =
                        platform.readyInstances(s.model().service(), s.region().name());
                for (MetricSample sample : s.model().samples(now, ready)) {
                    producer.send(
                            new ProducerRecord<>(
                                    METRICS,
                                    null,
                                    t.toEpochMilli(),
                                    s.key(),
                                    Json.sampleToJson(sample)));
                }
                ledgers.get(i)
                        .record(
                                STEP,
                                now.load(),
                                now.load() * s.model().servedShare(now, ready.size()),
                                s.model().demand(now),
                                ready.size(),
                                platform.billed(s.model().service(), s.region().name()));
            }
            producer.flush();
            if (step % viewEverySteps == 0) {
                printView(trace, platform, services, t);
                if (failed(job)) {
                    System.err.println("the Flink job failed; see target/demo.log");
                    return 1;
                }
            }
            pace(wallStart, step + 1);
        }
        long wallSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - wallStart);
        report.summary(
                options,
                start,
                capacity,
                wallSeconds,
                services.stream().map(s -> s.key() + " (" + s.model().unit() + ")").toList(),
                ledgers);
        out.println("Alerts raised: " + alertsRaised.get() + " (topic waddle.alerts)");
        if (lastDecision.isEmpty()) {
            System.err.println("the job made no decision during the run; see target/demo.log");
            return 1;
        }
        return 0;
    }

    /** Every kind in every region, or compute only with {@code --services compute}. */
    private List<SimService> services(InstanceModel instances, double capacity) {
        List<SimService> out = new ArrayList<>();
        for (Region r : REGIONS) {
            out.add(
                    new SimService(
                            new ComputeModel("chat-api", r.name(), instances, TARGET_UTILIZATION),
                            r));
        }
        if (options.allKinds()) {
            for (Region r : REGIONS) {
                out.add(
                        new SimService(
                                new WebRtcModel("media-relay", r.name(), 8, r.phaseHours()), r));
            }
            for (Region r : REGIONS) {
                out.add(
                        new SimService(
                                new DatabaseModel(
                                        "chat-db", r.name(), CONNECTIONS_PER_WORKER, capacity),
                                r));
            }
            for (Region r : REGIONS) {
                out.add(
                        new SimService(
                                new CacheModel(
                                        "sessions-cache",
                                        r.name(),
                                        CACHE_BYTES_PER_REQUEST,
                                        CACHE_NODE_BYTES),
                                r));
            }
        }
        return out;
    }

    private static ServiceModel.Step step(
            Trace trace, SimService s, Instant t, SimulatedPlatform platform) {
        double load = s.region().loadFactor() * trace.ratePerSecond(t.plus(s.region().shift()));
        int computeReady =
                platform.has("chat-api", s.region().name())
                        ? platform.ready("chat-api", s.region().name())
                        : 0;
        return new ServiceModel.Step(t, load, computeReady);
    }

    private void applyCommands(
            SimulatedPlatform platform,
            List<SimService> services,
            List<SupplyLedger> ledgers,
            KafkaProducer<String, String> producer,
            Instant now) {
        ScalingCommand c;
        while ((c = commands.poll()) != null) {
            platform.apply(c, now);
            report(producer, ActuationResult.applied(c, now));
            for (int i = 0; i < services.size(); i++) {
                if (services.get(i).key().equals(c.serviceRegionKey())) {
                    ledgers.get(i).countCommand(c.to() > c.from());
                }
            }
        }
    }

    /** The actuator's word on a command (or its inventory), for the job to read back. */
    private static void report(KafkaProducer<String, String> producer, ActuationResult r) {
        producer.send(
                new ProducerRecord<>(
                        AutoscalerOptions.ACTUATION_RESULTS_TOPIC.defaultValue(),
                        null,
                        r.appliedAt().toEpochMilli(),
                        r.serviceRegionKey(),
                        Json.toString(r)));
    }

    private void printView(
            Trace trace, SimulatedPlatform platform, List<SimService> services, Instant t) {
        report.viewHeader(t);
        for (SimService s : services) {
            ServiceModel.Step now = step(trace, s, t, platform);
            int ready = platform.ready(s.model().service(), s.region().name());
            report.viewRow(
                    s.key(),
                    now.load(),
                    ready,
                    platform.starting(s.model().service(), s.region().name()),
                    s.model().unit(),
                    s.model().utilization(now, ready),
                    lastDecision.get(s.key()));
            report.lastCommand(lastCommand.get(s.key()));
        }
    }

    private void onCommand(String json) {
        commands.add(Json.fromString(json, ScalingCommand.class));
    }

    private void onEvent(String json) {
        ScalingEvent e = Json.fromString(json, ScalingEvent.class);
        lastDecision.merge(e.serviceRegionKey(), e, Demo::newer);
        if (e.issuesCommand()) {
            lastCommand.merge(e.serviceRegionKey(), e, Demo::newer);
        }
    }

    private void onAlert(String json) {
        Alert a = Json.fromString(json, Alert.class);
        if (Alert.FIRING.equals(a.status())) {
            alertsRaised.incrementAndGet();
        }
        out.printf(
                Locale.ROOT,
                "  alert %s %-8s %-16s %s/%s: %s%n",
                a.status(),
                a.severity(),
                a.condition(),
                a.service(),
                a.region(),
                a.message());
    }

    /** {@code url} if an InfluxDB answers its /ping within a second, else null. */
    static String reachableInflux(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<Void> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/ping"))
                                    .timeout(Duration.ofSeconds(1))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 204 && r.headers().firstValue("X-Influxdb-Version").isPresent()
                    ? url
                    : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static ScalingEvent newer(ScalingEvent a, ScalingEvent b) {
        return b.decidedAt().isBefore(a.decidedAt()) ? a : b;
    }

    /** Sleeps until step {@code n} is due on the wall clock; a late step runs at once. */
    private void pace(long wallStart, long n) throws InterruptedException {
        long due = wallStart + (long) (STEP.toNanos() * n / options.speedup());
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private Configuration jobConfiguration(String bootstrap, double capacity, Path workDir) {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "waddle-demo");
        conf.set(AutoscalerOptions.COMPUTE_TARGET_REQUESTS, capacity * TARGET_UTILIZATION);
        // The coordinator's readiness rules describe the simulated platform: a compute instance at
        // its target utilization holds that many requests/s of sessions in the cache, and opens 10
        // connections.
        double gib = 1L << 30;
        conf.set(
                AutoscalerOptions.COORDINATOR_CACHE_GIB_PER_INSTANCE,
                capacity * TARGET_UTILIZATION * CACHE_BYTES_PER_REQUEST / gib);
        conf.set(AutoscalerOptions.COORDINATOR_CACHE_GIB_PER_NODE, CACHE_NODE_BYTES / gib);
        conf.set(AutoscalerOptions.COORDINATOR_CONNECTIONS_PER_INSTANCE, CONNECTIONS_PER_WORKER);
        conf.set(AutoscalerOptions.COORDINATOR_GLOBAL_MAX, options.globalMax());
        // A source subtask or partition without samples must not hold event time back for long:
        // at this speed-up 30 s of wall-clock time would be half an hour of simulated time.
        conf.set(AutoscalerOptions.IDLENESS, Duration.ofSeconds(2));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Simulated time runs fast: commit commands often, so that they reach the platform
        // promptly.
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        return conf;
    }

    private static boolean failed(JobClient job) throws Exception {
        return job.getJobStatus().get().isGloballyTerminalState();
    }
}
