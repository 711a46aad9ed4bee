package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import io.waddle.autoscaler.testing.Decisions;
import io.waddle.autoscaler.testing.InfluxServer;
import io.waddle.autoscaler.testing.JobTopics;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load step on compute, end to end (Kafka broker, MiniCluster at parallelism 2, RocksDB,
 * exactly-once): the database pool and the cache lack the headroom the bigger compute fleet needs,
 * so the commands topic receives the database's scale-up, then the cache's, then compute's.
 */
class CoordinatedScalingIntegrationTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final double GIB = 1L << 30;

    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** 90 s of one region: compute at 90 % CPU, a quiet pool of 120, four cache nodes. */
    private static List<String> loadStep() {
        List<SampleBuilder> out = new ArrayList<>();
        for (int t = 0; t < 90; t += 5) {
            Instant at = START.plusSeconds(t);
            for (int i = 0; i < 12; i++) {
                out.add(
                        SampleBuilder.compute("chat-api", "eu-west")
                                .instance("i-" + i)
                                .at(at)
                                .cpu(90)
                                .memory(40));
            }
            for (int p = 0; p < 2; p++) {
                out.add(
                        SampleBuilder.of("chat-db", "eu-west", ServiceKind.DATABASE)
                                .instance("proxy-" + p)
                                .at(at)
                                .gauge("pool_size", 60)
                                .gauge("active_connections", 50)
                                .gauge("queue_depth", 0)
                                .gauge("query_time_ms", 8)
                                .gauge("replication_lag_s", 0.5));
            }
            for (int n = 0; n < 4; n++) {
                out.add(
                        SampleBuilder.of("sessions-cache", "eu-west", ServiceKind.CACHE)
                                .instance("node-" + n)
                                .at(at)
                                .gauge("used_memory_bytes", 2 * GIB)
                                .gauge("hit_rate", 0.9)
                                .gauge("eviction_rate", 0));
            }
        }
        return out.stream()
                .map(SampleBuilder::build)
                .sorted(Comparator.comparing(s -> s.timestamp()))
                .map(Json::sampleToJson)
                .toList();
    }

    @Test
    void aComputeLoadStepSendsDatabaseThenCacheThenComputeCommands() throws Exception {
        KAFKA.createTopics(JobTopics.names(""));
        JobClient job = start("", conf -> {});

        KAFKA.produce("m", loadStep(), START.plusSeconds(90));

        List<ScalingCommand> commands =
                KAFKA.readUntil("c", true, c -> c.size() >= 3, WAIT).stream()
                        .map(v -> Json.fromString(v, ScalingCommand.class))
                        .toList();
        // compute 12 -> ceil(12 x 90 / 70) = 16; the pool needs 1.2 x 10 x 16 = 192 connections,
        // the cache 1.3 x 16 GiB / 4 GiB per node = 6 nodes.
        assertThat(commands)
                .extracting(c -> c.kind() + " " + c.service() + " " + c.from() + "->" + c.to())
                .containsExactly(
                        "database chat-db 120->192",
                        "cache sessions-cache 4->6",
                        "compute chat-api 12->16");
        // One round: all three decided on the same window (the first, unless a loaded machine
        // delays it past the round timeout; then the next carries the same step).
        assertThat(commands.stream().map(ScalingCommand::decidedAt).distinct()).hasSize(1);
        assertThat(commands.subList(0, 2))
                .extracting(ScalingCommand::reason)
                .containsOnly("DEPENDENCY_HEADROOM");

        ScalingEvent compute =
                KAFKA
                        .readUntil(
                                "e",
                                true,
                                e ->
                                        e.stream()
                                                .anyMatch(
                                                        s ->
                                                                s.contains(
                                                                        commands.get(2)
                                                                                .commandId())),
                                WAIT)
                        .stream()
                        .map(s -> Json.fromString(s, ScalingEvent.class))
                        .filter(e -> commands.get(2).commandId().equals(e.commandId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(compute.detail())
                .contains("waited for database chat-db 120->192")
                .contains("waited for cache sessions-cache 4->6");
    }

    /** Every decision the job committed to the events topic {@code topic}, once 15 are there. */
    private static List<ScalingEvent> events(String topic) {
        return KAFKA.readUntil(topic, true, e -> e.size() >= 15, WAIT).stream()
                .map(s -> Json.fromString(s, ScalingEvent.class))
                .toList();
    }

    @Test
    void everyDecisionIsAlsoInInfluxDbAndQueryableWithInfluxQl(@TempDir Path influxDir)
            throws Exception {
        KAFKA.createTopics(JobTopics.names("i."));
        try (InfluxServer influx = InfluxServer.start(influxDir)) {
            JobClient job =
                    start("i.", conf -> conf.set(AutoscalerOptions.INFLUX_URL, influx.url()));
            KAFKA.produce("i.m", loadStep(), START.plusSeconds(90));
            // The actuator could not apply a cache command: 1 of 1 failed, a critical alert.
            ActuationResult failed =
                    ActuationResult.failed(
                            ScalingCommand.of(
                                    Decisions.scale(
                                            ServiceKind.CACHE,
                                            "sessions-cache",
                                            4,
                                            5,
                                            START.plusSeconds(15))),
                            START.plusSeconds(20),
                            "quota exceeded");
            KAFKA.produce("i.r", List.of(Json.toString(failed)), START.plusSeconds(20));
            List<ScalingEvent> logged = events("i.e");
            List<Alert> alerts =
                    KAFKA.readUntil("i.a", true, a -> !a.isEmpty(), WAIT).stream()
                            .map(v -> Json.fromString(v, Alert.class))
                            .toList();
            assertThat(alerts)
                    .extracting(Alert::condition, Alert::severity, Alert::service)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "SCALING_FAILURES", "critical", "sessions-cache"));

            try (InfluxDB client = InfluxDBFactory.connect(influx.url())) {
                // The copy is asynchronous: wait until it holds what the topic holds.
                QueryResult r = null;
                Instant deadline = Instant.now().plus(WAIT);
                long points = 0;
                while (points < logged.size() && Instant.now().isBefore(deadline)) {
                    r =
                            client.query(
                                    new Query(
                                            "SELECT count(\"to\") FROM scaling_decisions",
                                            "waddle"));
                    points = countOf(r);
                }
                assertThat(points).isGreaterThanOrEqualTo(logged.size());
                QueryResult headroom =
                        client.query(
                                new Query(
                                        "SELECT \"to\" FROM scaling_decisions"
                                                + " WHERE reason = 'DEPENDENCY_HEADROOM'"
                                                + " AND kind = 'database'",
                                        "waddle"));
                assertThat(headroom.getResults().get(0).getSeries().get(0).getValues())
                        .extracting(row -> row.get(1))
                        .containsExactly(192.0);
                // The windowed utilization series and the alert are there too.
                QueryResult cpu =
                        client.query(
                                new Query(
                                        "SELECT max(\"cpu\") FROM utilization"
                                                + " WHERE service = 'chat-api'",
                                        "waddle"));
                assertThat(
                                (Double)
                                        cpu.getResults()
                                                .get(0)
                                                .getSeries()
                                                .get(0)
                                                .getValues()
                                                .get(0)
                                                .get(1))
                        .isGreaterThan(70.0);
                long alertPoints = 0;
                while (alertPoints < 1 && Instant.now().isBefore(deadline)) {
                    alertPoints =
                            countOf(
                                    client.query(
                                            new Query(
                                                    "SELECT count(firing) FROM alerts"
                                                            + " WHERE condition ="
                                                            + " 'SCALING_FAILURES'",
                                                    "waddle")));
                }
                assertThat(alertPoints).isEqualTo(1);
                // Every query of the shipped Grafana dashboard runs on what the job wrote.
                for (String q : dashboardQueries()) {
                    QueryResult result = client.query(new Query(q, "waddle"));
                    assertThat(result.hasError()).as(q + ": " + result.getError()).isFalse();
                    assertThat(result.getResults().get(0).hasError())
                            .as(q + ": " + result.getResults().get(0).getError())
                            .isFalse();
                    // The load step reports instances and CPU; the alert is the failed result's.
                    if (q.contains("\"instances\"")
                            || q.contains("\"cpu\"")
                            || q.contains("FROM \"alerts\"")) {
                        assertThat(result.getResults().get(0).getSeries()).as(q).isNotEmpty();
                    }
                }
            }
        }
    }

    /**
     * The InfluxQL of every panel and variable of docker/grafana/waddle-dashboard.json, with
     * Grafana's macros filled in as it would for this test's span and every service.
     */
    private static List<String> dashboardQueries() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dash =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(Path.of("docker", "grafana", "waddle-dashboard.json").toFile());
        List<String> raw = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode panel : dash.get("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode t : panel.get("targets")) {
                raw.add(t.get("query").asText());
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode v : dash.get("templating").get("list")) {
            raw.add(v.get("query").asText());
        }
        assertThat(raw).hasSizeGreaterThan(10);
        String span =
                "time >= '"
                        + START.minusSeconds(300)
                        + "' AND time <= '"
                        + START.plusSeconds(600)
                        + "'";
        return raw.stream()
                .map(
                        q ->
                                q.replace("$timeFilter", span)
                                        .replace("$__interval", "15s")
                                        .replace("/^$service$/", "/.*/")
                                        .replace("/^$region$/", "/.*/"))
                .toList();
    }

    private static long countOf(QueryResult r) {
        if (r.getResults().get(0).getSeries() == null) {
            return 0;
        }
        return ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
                .longValue();
    }

    @Test
    void anInfluxDbThatNeverAnswersLosesNoKafkaEvent() throws Exception {
        KAFKA.createTopics(JobTopics.names("x."));
        // Accepts connections (the kernel's backlog) and never answers: a hung InfluxDB.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JobClient job =
                    start(
                            "x.",
                            conf -> {
                                conf.set(
                                        AutoscalerOptions.INFLUX_URL,
                                        "http://127.0.0.1:" + silent.getLocalPort());
                                conf.set(AutoscalerOptions.INFLUX_TIMEOUT, Duration.ofSeconds(30));
                            });
            KAFKA.produce("x.m", loadStep(), START.plusSeconds(90));

            List<ScalingEvent> logged = events("x.e");
            List<ScalingCommand> commands =
                    KAFKA.readUntil("x.c", true, c -> c.size() >= 3, WAIT).stream()
                            .map(v -> Json.fromString(v, ScalingCommand.class))
                            .toList();

            // Five windows (ends 15..75 s) of three services each, all on the events topic.
            assertThat(logged)
                    .extracting(e -> e.decidedAt().getEpochSecond() - START.getEpochSecond())
                    .containsOnly(15L, 30L, 45L, 60L, 75L);
            assertThat(logged).hasSize(15);
            assertThat(commands).hasSize(3);
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
        }
    }

    /**
     * InfluxDB stops under the running job and comes back: the events topic gets every decision
     * meanwhile, the job neither fails nor restarts (no restarts allowed here), and the decisions
     * after the outage reach InfluxDB again without anyone stepping in. The points of the outage
     * are lost: InfluxDB is best effort (RELIABILITY.md).
     */
    @Test
    void anInfluxDbDownThenBackLosesNoKafkaEventAndWritingResumesByItself(@TempDir Path influxDir)
            throws Exception {
        KAFKA.createTopics(JobTopics.names("o."));
        List<String> samples = loadStep();
        int half = samples.size() / 2; // 0-40 s, then 45-85 s
        try (InfluxServer influx = InfluxServer.start(influxDir)) {
            JobClient job =
                    start(
                            "o.",
                            conf -> {
                                conf.set(AutoscalerOptions.INFLUX_URL, influx.url());
                                conf.set(AutoscalerOptions.INFLUX_TIMEOUT, Duration.ofSeconds(2));
                                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
                            });
            influx.stop();
            KAFKA.produce("o.m", samples.subList(0, half), START.plusSeconds(40));
            // Windows ending at 15 and 30 s, three services each, while InfluxDB is down.
            assertThat(KAFKA.readUntil("o.e", true, e -> e.size() >= 6, WAIT)).hasSize(6);

            influx.restart();
            KAFKA.produce("o.m", samples.subList(half, samples.size()), START.plusSeconds(85));
            assertThat(events("o.e")).hasSize(15);

            try (InfluxDB client = InfluxDBFactory.connect(influx.url())) {
                String q =
                        "SELECT count(\"to\") FROM scaling_decisions WHERE time >= '"
                                + START.plusSeconds(45)
                                + "'";
                long points = 0;
                Instant deadline = Instant.now().plus(WAIT);
                while (points < 9 && Instant.now().isBefore(deadline)) {
                    QueryResult r = client.query(new Query(q, "waddle"));
                    if (r.getResults().get(0).getSeries() != null) {
                        points = countOf(r);
                    }
                }
                assertThat(points).as("the decisions after the outage").isEqualTo(9);
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        }
    }

    /** Jobs this test started: a failed test must not leave its job taking the slots. */
    private final List<JobClient> started = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : started) {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
            // Its slots are free once it has stopped.
            job.getJobExecutionResult().handle((r, e) -> r).get();
        }
    }

    private JobClient start(String prefix, Consumer<Configuration> extra) throws Exception {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        JobTopics.configure(conf, prefix);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.TRANSACTIONAL_ID_PREFIX, "coordinated" + prefix);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        // Rounds go out on the watermark here; on a loaded machine the 2 s fallback could split
        // one (the test is about whole rounds), so give it room.
        conf.set(AutoscalerOptions.COORDINATOR_ROUND_TIMEOUT, Duration.ofSeconds(30));
        extra.accept(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        KafkaConnectors kafka = new KafkaConnectors(conf);
        JobClient job =
                new AutoscalerPipeline(kafka.sources(), kafka.sinks(), conf).executeAsync(env);
        started.add(job);
        return job;
    }
}
