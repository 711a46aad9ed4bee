package io.waddle.autoscaler.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in its own process (KRaft, broker and controller combined, listening on
 * 127.0.0.1 only), started from the jars on this JVM's class path. Its log goes to {@code
 * <dir>/kafka.log}.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Security security;
    private Process process;

    /**
     * A listener secured with TLS and SASL/SCRAM-SHA-512: the broker's key store, the trust store
     * its clients need, and the SCRAM users created when the storage is formatted ({@code admin}
     * for the broker itself).
     */
    public record Security(
            Path keyStore,
            Path trustStore,
            String storePassword,
            String adminPassword,
            Map<String, String> users) {}

    public LocalKafkaBroker(Path dir) {
        this(dir, null);
    }

    /**
     * @param security null: a PLAINTEXT listener
     */
    public LocalKafkaBroker(Path dir, Security security) {
        this.dir = dir;
        this.port = freePort();
        this.security = security;
    }

    /** What a client of user {@code user} needs besides the bootstrap servers. */
    public Map<String, String> clientProperties(String user, String password) {
        if (security == null) {
            return Map.of();
        }
        return Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";",
                "ssl.truststore.location",
                security.trustStore().toString(),
                "ssl.truststore.password",
                security.storePassword(),
                "ssl.truststore.type",
                "PKCS12");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        int controllerPort = freePort();
        Files.createDirectories(dir);
        Path props = dir.resolve("server.properties");
        String listener = security == null ? "PLAINTEXT" : "SASL_SSL";
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                        "listeners="
                                + listener
                                + "://127.0.0.1:"
                                + port
                                + ",CONTROLLER://127.0.0.1:"
                                + controllerPort,
                        "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=" + listener,
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,"
                                + listener
                                + ":"
                                + listener,
                        securityProperties(),
                        "log.dirs=" + dir.resolve("data"),
                        "num.partitions=1",
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        // Replayed traces carry old timestamps: never expire them by age.
                        "log.retention.ms=-1",
                        ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level=INFO",
                        "rootLogger.appenderRef.file.ref=File",
                        "appender.file.type=File",
                        "appender.file.name=File",
                        "appender.file.fileName=" + dir.resolve("kafka.log"),
                        "appender.file.layout.type=PatternLayout",
                        "appender.file.layout.pattern=%d %-5p %c{1} %m%n",
                        ""));
        List<String> format =
                new ArrayList<>(
                        List.of(
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                props.toString(),
                                "--standalone"));
        if (security != null) {
            Map<String, String> users = new java.util.TreeMap<>(security.users());
            users.put("admin", security.adminPassword());
            users.forEach(
                    (user, password) ->
                            format.addAll(
                                    List.of(
                                            "--add-scram",
                                            "SCRAM-SHA-512=[name="
                                                    + user
                                                    + ",password="
                                                    + password
                                                    + "]")));
        }
        run(format, log4j, true);
        process = run(List.of("kafka.Kafka", props.toString()), log4j, false);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        awaitReady();
    }

    /** Kills the broker process at once (SIGKILL), as a crashed machine would leave it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** Starts the killed broker again, on the same port and log directory. */
    public void restart() throws IOException, InterruptedException {
        process =
                run(
                        List.of("kafka.Kafka", dir.resolve("server.properties").toString()),
                        dir.resolve("log4j2.properties"),
                        false);
        awaitReady();
    }

    private Process run(List<String> mainAndArgs, Path log4j, boolean wait)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Dlog4j2.configurationFile=" + log4j);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.out").toFile()))
                        .start();
        if (wait) {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "formatting Kafka storage failed; see " + dir.resolve("kafka.out"));
            }
        }
        return p;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka exited at start; see " + dir.resolve("kafka.out"));
            }
            try (Admin admin = Admin.create(adminConfig())) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Kafka not ready after " + STARTUP_TIMEOUT + "; see " + dir, e);
                }
                Thread.sleep(200); // polling a process we just started: nothing else to wait on
            }
        }
    }

    public void createTopics(List<String> topics) throws Exception {
        createTopics(topics, 1, Map.of());
    }

    /** Topics of {@code partitions} partitions each. */
    public void createTopics(int partitions, List<String> topics) throws Exception {
        createTopics(topics, partitions, Map.of());
    }

    /** A compacted topic keeps the latest record per key: the policy topic. */
    public void createCompactedTopic(String topic) throws Exception {
        createTopics(List.of(topic), 1, Map.of("cleanup.policy", "compact"));
    }

    private void createTopics(List<String> topics, int partitions, Map<String, String> config)
            throws Exception {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(
                            topics.stream()
                                    .map(
                                            t ->
                                                    new NewTopic(t, partitions, (short) 1)
                                                            .configs(config))
                                    .toList())
                    .all()
                    .get();
        }
    }

    private String securityProperties() {
        if (security == null) {
            return "";
        }
        return String.join(
                "\n",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"admin\" password=\""
                        + security.adminPassword()
                        + "\";",
                "ssl.keystore.location=" + security.keyStore(),
                "ssl.keystore.password=" + security.storePassword(),
                "ssl.key.password=" + security.storePassword(),
                "ssl.keystore.type=PKCS12",
                "ssl.truststore.location=" + security.trustStore(),
                "ssl.truststore.password=" + security.storePassword(),
                "ssl.truststore.type=PKCS12",
                "super.users=User:admin");
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> c = new java.util.HashMap<>();
        c.put("bootstrap.servers", bootstrapServers());
        c.put("request.timeout.ms", 3000);
        c.put("default.api.timeout.ms", 5000);
        if (security != null) {
            c.putAll(clientProperties("admin", security.adminPassword()));
        }
        return c;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
