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
import io.waddle.autoscaler.sim.InstanceModel;
import io.waddle.autoscaler.sim.ServiceModel;
import io.waddle.autoscaler.sim.SimulatedPlatform;
import io.waddle.autoscaler.sim.SupplyLedger;
import io.waddle.autoscaler.sim.Trace;
import java.io.PrintStream;
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
import org.apache.flink.configuration.Configuration;
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

    /** How long a step may wait for the job before the demo gives up, saying so. */
    private static final Duration LOCK_STEP_WAIT = Duration.ofSeconds(60);

    static final double TARGET_UTILIZATION = 0.7;

    /** The simulated sessions: bytes of cache per request per second, on 4 GiB nodes. */
    static final double CACHE_BYTES_PER_REQUEST = 4e6;

    static final double CACHE_NODE_BYTES = 4L << 30;
    static final int CONNECTIONS_PER_WORKER = 10;

    private final DemoOptions options;
    private final PrintStream out;
    private final DemoReport report;
    private final Queue<ScalingCommand> commands = new ConcurrentLinkedQueue<>();
    private final Map<String, ScalingEvent> lastDecision = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger alertsRaised =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, ScalingEvent> lastCommand = new ConcurrentHashMap<>();
    private final LockStep lockStep =
            new LockStep(
                    AutoscalerOptions.WINDOW_SIZE.defaultValue(),
                    AutoscalerOptions.WINDOW_SLIDE.defaultValue(),
                    AutoscalerOptions.MAX_OUT_OF_ORDERNESS.defaultValue());

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

        try (DemoKafka kafka = DemoKafka.open(options, workDir.resolve("kafka"), out)) {
            DemoKafka.Topics topics = kafka.topics();
            out.println(
                    "  Change a policy while it runs, from another terminal:\n"
                            + "    ./autoscaler policy publish"
                            + " flink-conf/policies/demo-cap-eu-west.json --bootstrap "
                            + kafka.bootstrapServers()
                            + (kafka.isOwn()
                                    ? ""
                                    : " --topic "
                                            + topics.policies()
                                            + " --events-topic "
                                            + topics.policyEvents()
                                            + (options.commandConfig() == null
                                                    ? ""
                                                    : " --command-config "
                                                            + options.commandConfig())));

            String influx = InfluxProbe.reachable(options.influx());
            if (influx != null) {
                out.println(
                        "Writing decisions, alerts and utilization to InfluxDB at "
                                + influx
                                + " (database waddle). Grafana: docker/grafana (see"
                                + " docs/influxdb.md), time range "
                                + DemoOptions.START_FORMAT.withZone(ZoneOffset.UTC).format(start)
                                + " to "
                                + DemoOptions.START_FORMAT.withZone(ZoneOffset.UTC).format(end)
                                + " UTC; in InfluxQL: time >= '"
                                + start
                                + "' AND time < '"
                                + end
                                + "'.");
            } else if (!options.influx().isEmpty()) {
                out.println(
                        "No InfluxDB answers at "
                                + options.influx()
                                + ": the record stays in Kafka only (./autoscaler influx start"
                                + " runs one; see docs/influxdb.md).");
            }
            out.print("Starting the Flink job on a MiniCluster... ");
            Configuration conf = DemoJob.configuration(options, kafka, capacity, workDir);
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

            try (KafkaProducer<String, String> producer = kafka.producer();
                    TopicTail c = kafka.tail(topics.commands(), this::onCommand);
                    TopicTail e = kafka.tail(topics.events(), this::onEvent);
                    TopicTail a = kafka.tail(topics.alerts(), this::onAlert)) {
                ActuationReporter results =
                        new ActuationReporter(
                                kafka.bootstrapServers(),
                                kafka.client(),
                                producer,
                                topics.actuationResults(),
                                conf.get(AutoscalerOptions.CONSUMER_GROUP) + "-actuation");
                try (results) {
                    return simulate(trace, capacity, start, end, producer, results, job, topics);
                }
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
            ActuationReporter results,
            JobClient job,
            DemoKafka.Topics topics)
            throws Exception {
        SimulatedPlatform platform =
                new SimulatedPlatform(options.provisioningDelay(), options.drainTime());
        InstanceModel instances = new InstanceModel(capacity, options.seed());
        List<SimService> services = DemoServices.of(options.allKinds(), instances, capacity);
        List<SupplyLedger> ledgers = new ArrayList<>();
        for (SimService s : services) {
            int initial = s.model().initialCapacity(step(trace, s, start, platform));
            platform.addService(s.model().service(), s.region().name(), initial);
            ledgers.add(new SupplyLedger(capacity));
            // The actuator's inventory: what each service has before any command.
            results.report(
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
            applyCommands(platform, services, ledgers, results, t);
            // The job has read every result before it sees the next samples.
            results.awaitRead(LOCK_STEP_WAIT);
            for (int i = 0; i < services.size(); i++) {
                SimService s = services.get(i);
                ServiceModel.Step now = step(trace, s, t, platform);
                List<String> ready =
                        platform.readyInstances(s.model().service(), s.region().name());
                for (MetricSample sample : s.model().samples(now, ready)) {
                    lockStep.sampled(s.key(), t);
                    producer.send(
                            new ProducerRecord<>(
                                    topics.metrics(),
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
            lockStep.await(t, LOCK_STEP_WAIT);
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
        out.println("Alerts raised: " + alertsRaised.get() + " (topic " + topics.alerts() + ")");
        if (lastDecision.isEmpty()) {
            System.err.println("the job made no decision during the run; see target/demo.log");
            return 1;
        }
        return 0;
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
            ActuationReporter results,
            Instant now)
            throws Exception {
        ScalingCommand c;
        while ((c = commands.poll()) != null) {
            platform.apply(c, now);
            results.report(ActuationResult.applied(c, now));
            for (int i = 0; i < services.size(); i++) {
                if (services.get(i).key().equals(c.serviceRegionKey())) {
                    ledgers.get(i).countCommand(c.to() > c.from());
                }
            }
        }
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
        ScalingCommand c = Json.fromString(json, ScalingCommand.class);
        commands.add(c);
        lockStep.commanded(c);
    }

    private void onEvent(String json) {
        ScalingEvent e = Json.fromString(json, ScalingEvent.class);
        lastDecision.merge(e.serviceRegionKey(), e, Demo::newer);
        lockStep.decided(e);
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

    private static boolean failed(JobClient job) throws Exception {
        return job.getJobStatus().get().isGloballyTerminalState();
    }
}
