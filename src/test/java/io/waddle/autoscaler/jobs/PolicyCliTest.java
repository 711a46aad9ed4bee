package io.waddle.autoscaler.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.testing.CliRun;
import io.waddle.autoscaler.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./autoscaler policy} against a real broker, as a user runs it. */
class PolicyCliTest {
    @RegisterExtension static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir Path dir;

    @BeforeAll
    static void topic() throws Exception {
        KAFKA.createTopics("policies", "policy-events");
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[0].equals("validate")) {
            all.addAll(
                    List.of(
                            "--bootstrap",
                            KAFKA.bootstrapServers(),
                            "--topic",
                            "policies",
                            "--events-topic",
                            "policy-events"));
        }
        return CliRun.of("autoscaler policy", new PolicyCli(), all.toArray(String[]::new));
    }

    private Path write(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void validateAcceptsAShippedExample() {
        CliRun r = run("validate", "flink-conf/policies/business-hours-eu.json");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "valid: policy business-hours-eu version 1, service chat-api in eu-west,"
                                + " mode active");
    }

    @Test
    void validateFailsInOneLineWithTheMessageTheJobGives() {
        CliRun r = run("validate", "src/test/resources/policies/invalid/min-above-max.json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err())
                .contains(
                        "invalid: compute.min_instances: min_instances 50 is above max_instances"
                                + " 10");
    }

    /** The outside review's two rate limits: one threw out of the parser, one validated. */
    @ParameterizedTest
    @ValueSource(strings = {"4/999999999999999999m", "4/999999999999999s"})
    void validateRefusesAnOverflowingRateLimitInOneLineNamingTheField(String limit)
            throws Exception {
        Path p =
                write(
                        "rate.json",
                        "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                                + " \"behavior\": {\"scale_up\": {\"rate_limits\": [\""
                                + limit
                                + "\"]}}}");

        CliRun r = run("validate", p.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("invalid: behavior.scale_up.rate_limits[0]: rate limit");
    }

    @Test
    void validateRefusesAPolicyPastTheJobsHardLimit() throws Exception {
        Path p =
                write(
                        "big.json",
                        "{\"schema_version\": 1, \"policy_id\": \"p\", \"version\": 1,"
                                + " \"compute\": {\"max_instances\": 20000}}");

        CliRun byDefault = run("validate", p.toString());
        CliRun raised = run("validate", "--max-instances", "50000", p.toString());

        assertThat(byDefault.exit()).isEqualTo(1);
        assertThat(byDefault.oneLineError()).as(byDefault.err()).isTrue();
        assertThat(byDefault.err())
                .contains(
                        "invalid: compute.max_instances: 20000 is above this deployment's hard"
                                + " limit of 10000");
        assertThat(raised.exit()).isZero();
    }

    @Test
    void validateRefusesAHugeFileWithoutReadingIt() throws Exception {
        Path p = dir.resolve("huge.json");
        try (var out = Files.newOutputStream(p)) {
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }

        CliRun r = run("validate", p.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("67108864 bytes; a policy has at most 65536 characters");
    }

    @Test
    void aDirectoryOrAMissingFileIsOneLineNotAStackTrace() {
        CliRun directory = run("validate", dir.toString());
        CliRun missing = run("validate", dir.resolve("nope.json").toString());

        assertThat(directory.exit()).isNotZero();
        assertThat(directory.oneLineError()).as(directory.err()).isTrue();
        assertThat(directory.err()).contains("is a directory, not a policy document");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.oneLineError()).as(missing.err()).isTrue();
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void publishRefusesAnInvalidPolicyWithoutWritingIt() {
        CliRun r = run("publish", "src/test/resources/policies/invalid/unknown-mode.json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("mode: 'yolo' is not one of");
    }

    @Test
    void publishingAVersionNoNewerThanTheOneOnTheTopicIsRefusedAsStale() throws Exception {
        Path v3 = write("v3.json", "{\"schema_version\":1,\"policy_id\":\"again\",\"version\":3}");
        assertThat(run("publish", v3.toString()).exit()).isZero();

        CliRun again = run("publish", v3.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.oneLineError()).as(again.err()).isTrue();
        assertThat(again.err())
                .contains("not published: version 3 is not newer than version 3 of again")
                .contains("STALE");
    }

    @Test
    void listShowsTheLatestVersionOfEachPolicyAndNotTheDeletedOnes() throws Exception {
        Path v1 =
                write("v1.json", "{\"schema_version\":1,\"policy_id\":\"cli-cap\",\"version\":1}");
        Path v2 =
                write(
                        "v2.json",
                        "{\"schema_version\":1,\"policy_id\":\"cli-cap\",\"version\":2,"
                                + "\"mode\":\"dry-run\"}");

        assertThat(run("publish", v1.toString()).exit()).isZero();
        assertThat(run("publish", v2.toString()).exit()).isZero();
        assertThat(run("publish", "flink-conf/policies/cache-sessions.json").exit()).isZero();
        assertThat(run("delete", "cache-sessions").exit()).isZero();
        CliRun list = run("list");

        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .containsPattern("cli-cap\\s+2\\s+dry-run\\s+every service \\(default\\)");
        assertThat(list.out()).doesNotContain("cache-sessions");
    }

    @Test
    void aListWithEveryPolicyDeletedSaysSo() throws Exception {
        KAFKA.createTopics("empty-policies");
        Path p = write("gone.json", "{\"schema_version\":1,\"policy_id\":\"gone\",\"version\":1}");
        List<String> to =
                List.of("--bootstrap", KAFKA.bootstrapServers(), "--topic", "empty-policies");
        List<String> publish = new ArrayList<>(List.of("publish", p.toString()));
        publish.addAll(to);
        List<String> delete = new ArrayList<>(List.of("delete", "gone"));
        delete.addAll(to);
        List<String> list = new ArrayList<>(List.of("list"));
        list.addAll(to);
        CliRun.of("autoscaler policy", new PolicyCli(), publish.toArray(String[]::new));
        CliRun.of("autoscaler policy", new PolicyCli(), delete.toArray(String[]::new));

        CliRun r = CliRun.of("autoscaler policy", new PolicyCli(), list.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("no policy in force on empty-policies (deleted: gone)")
                .contains("the job's options apply");
    }

    @Test
    void waitingForAVerdictNoJobGivesIsOneLineAndAFailure() throws Exception {
        Path p =
                write(
                        "lonely.json",
                        "{\"schema_version\":1,\"policy_id\":\"lonely\",\"version\":1}");

        CliRun r = run("publish", p.toString(), "--wait", "1");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("published policy lonely version 1");
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("no verdict from the job").contains("within 1 s");
    }

    @Test
    void eventsWithoutAnyVerdictSaysWhatToCheck() {
        CliRun r = run("events");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("no verdict on policy-events yet");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun r = CliRun.of("autoscaler policy", new PolicyCli(), "frobnicate");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
    }
}
