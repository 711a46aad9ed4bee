package io.waddle.autoscaler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.testing.CliRun;
import io.waddle.autoscaler.testing.SecureBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The demo on a broker of the user's ({@code --bootstrap}) that speaks only TLS and SASL/SCRAM:
 * every client of the demo (the job, the simulated platform, the actuator, the views) takes the
 * properties of {@code --command-config}, and the run's topics are its own, never the job's default
 * ones.
 */
class DemoSecureKafkaTest {
    private final Path dir =
            Path.of("target", "test-demo-secure-kafka", UUID.randomUUID().toString())
                    .toAbsolutePath();

    @Test
    void theDemoRunsThroughTlsAndScramOnTopicsOfItsOwn() throws Exception {
        try (SecureBroker secure = SecureBroker.start(dir)) {
            Path config = secure.propertiesFile("demo-client.properties", secure.client());

            CliRun demo =
                    CliRun.of(
                            "autoscaler demo",
                            new DemoCommand(),
                            "--bootstrap",
                            secure.bootstrapServers(),
                            "--command-config",
                            config.toString(),
                            "--minutes",
                            "10",
                            "--speedup",
                            "120",
                            "--services",
                            "compute",
                            "--influx",
                            "none",
                            "--work-dir",
                            dir.resolve("demo").toString());

            assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
            assertThat(demo.out())
                    .contains("Connecting to Kafka at " + secure.bootstrapServers())
                    .contains("this run's topics: waddle-demo-")
                    .contains("--command-config " + config)
                    .contains("Alerts raised:");
            Map<String, Object> admin = new HashMap<>(secure.client());
            admin.put("bootstrap.servers", secure.bootstrapServers());
            try (Admin a = Admin.create(admin)) {
                Set<String> topics = a.listTopics().names().get();
                assertThat(topics)
                        .anyMatch(t -> t.matches("waddle-demo-[0-9]+\\.scaling-commands"))
                        .doesNotContain("waddle.scaling-commands", "waddle.metrics");
            }
        }
    }

    @Test
    void securitySettingsWithoutABrokerOfTheUsersAreRefusedInOneLine() {
        CliRun run =
                CliRun.of(
                        "autoscaler demo",
                        new DemoCommand(),
                        "--property",
                        "security.protocol=SASL_SSL");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains("--bootstrap");
    }
}
