package io.waddle.autoscaler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.ElasticityBench;
import io.waddle.autoscaler.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new user's ordinary mistakes get one clear line and a non-zero exit, never a stack trace. */
class CommandLineErrorsTest {
    @TempDir Path dir;

    private static CliRun demo(String... args) {
        return CliRun.of("autoscaler demo", new DemoCommand(), args);
    }

    private static CliRun elasticity(String... args) {
        return CliRun.of("autoscaler bench elasticity", new ElasticityBench(), args);
    }

    @Test
    void aNegativeDurationIsAUsageError() {
        CliRun r = demo("--minutes", "-5");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("--minutes must be > 0; got -5");
    }

    @Test
    void anUnknownFlagIsNamedAsUnknown() {
        CliRun r = demo("--bogus");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("Unknown option: '--bogus'").doesNotContain("needs a value");
    }

    @Test
    void aStrayArgumentIsNamedAsUnexpected() {
        CliRun r = demo("quickly");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("quickly");
    }

    @Test
    void aMissingTraceIsOneLine() {
        CliRun bench = elasticity("--trace", "/nonexistent.csv");
        CliRun run = demo("--trace", "/nonexistent.csv", "--minutes", "1");

        assertThat(bench.exit()).isEqualTo(1);
        assertThat(bench.oneLineError()).as(bench.err()).isTrue();
        assertThat(bench.err()).contains("no such file: /nonexistent.csv");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains("no such file: /nonexistent.csv");
    }

    @Test
    void aTraceWithGarbageNamesItsLineInOneLine() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(
                csv, "timestamp,count\n2020-01-01 00:00:00,5\n2020-01-01 00:01:00,lots\n");

        CliRun r = elasticity("--trace", csv.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("bad.csv:3: cannot read '2020-01-01 00:01:00,lots'");
    }

    @Test
    void helpIsGeneratedAndListsEveryFlag() {
        CliRun r = demo("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--minutes").contains("--global-max").contains("--influx");
    }
}
