package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.testing.KafkaTestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./autoscaler policy} against a real broker. */
class PolicyCliTest {
    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void topic() throws Exception {
        KAFKA.createTopics("policies");
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap";
        all[args.length + 1] = KAFKA.bootstrapServers();
        all[args.length + 2] = "--topic";
        all[args.length + 3] = "policies";
        return new PolicyCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateAcceptsAShippedExample() {
        assertThat(run("validate", "flink-conf/policies/business-hours-eu.json")).isZero();
        assertThat(stdout())
                .contains(
                        "valid: policy business-hours-eu version 1, service chat-api in eu-west,"
                                + " mode active");
    }

    @Test
    void validateFailsWithTheMessageTheJobGives() {
        assertThat(run("validate", "src/test/resources/policies/invalid/min-above-max.json"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "invalid: compute.min_instances: min_instances 50 is above max_instances"
                                + " 10");
    }

    @Test
    void publishRefusesAnInvalidPolicyWithoutWritingIt() {
        assertThat(
                        run(
                                "publish",
                                "src/test/resources/policies/unknown-mode.json"
                                        .replace("policies/", "policies/invalid/")))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mode: 'yolo' is not one of");
    }

    @Test
    void listShowsTheLatestVersionOfEachPolicyAndNotTheDeletedOnes() throws Exception {
        Path v1 = dir.resolve("v1.json");
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v1, "{\"schema_version\":1,\"policy_id\":\"cli-cap\",\"version\":1}");
        Files.writeString(
                v2,
                "{\"schema_version\":1,\"policy_id\":\"cli-cap\",\"version\":2,\"mode\":\"dry-run\"}");

        assertThat(run("publish", v1.toString())).isZero();
        assertThat(run("publish", v2.toString())).isZero();
        assertThat(run("publish", "flink-conf/policies/cache-sessions.json")).isZero();
        assertThat(run("delete", "cache-sessions")).isZero();
        out.reset();
        assertThat(run("list")).isZero();

        assertThat(stdout())
                .containsPattern("cli-cap\\s+2\\s+dry-run\\s+every service \\(default\\)");
        assertThat(stdout()).doesNotContain("cache-sessions");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("needs validate, publish, list or delete");
    }
}
