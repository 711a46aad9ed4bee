package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.demo.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker process that speaks only TLS with SASL/SCRAM-SHA-512 on 127.0.0.1, with a
 * certificate made for it by keytool, and one SCRAM user for the clients.
 */
public final class SecureBroker implements AutoCloseable {
    public static final String USER = "waddle";
    public static final String PASSWORD = "waddle-scram-pass";
    private static final String STORE_PASSWORD = "store-pass-1";

    private final Path dir;
    private final LocalKafkaBroker broker;

    private SecureBroker(Path dir, LocalKafkaBroker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /** Makes the certificate and trust store under {@code dir} and starts the broker. */
    public static SecureBroker start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "broker",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        LocalKafkaBroker broker =
                new LocalKafkaBroker(
                        dir.resolve("kafka"),
                        new LocalKafkaBroker.Security(
                                keyStore,
                                trustStore,
                                STORE_PASSWORD,
                                "admin-scram-pass",
                                Map.of(USER, PASSWORD)));
        broker.start();
        return new SecureBroker(dir, broker);
    }

    public LocalKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** What a client of {@link #USER} needs besides the bootstrap servers. */
    public Map<String, String> client() {
        return broker.clientProperties(USER, PASSWORD);
    }

    /** {@code client} as a properties file under the broker's folder, as --command-config takes. */
    public Path propertiesFile(String name, Map<String, String> client) throws IOException {
        Path config = dir.resolve(name);
        Properties p = new Properties();
        p.putAll(client);
        try (var out = Files.newOutputStream(config)) {
            p.store(out, null);
        }
        return config;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
