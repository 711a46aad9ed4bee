package io.waddle.autoscaler.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./autoscaler influx stop} stops only the influxd the launcher started: a stale pid file
 * whose number now belongs to another process leaves that process alone.
 */
class InfluxStopTest {
    private static final Path PID_FILE = Path.of("target", "influxdb", "influxd.pid");
    private Process bystander;

    @AfterEach
    void cleanUp() throws IOException {
        if (bystander != null) {
            bystander.destroyForcibly();
        }
        Files.deleteIfExists(PID_FILE);
    }

    @Test
    void aStalePidFileDoesNotKillAnotherProcess() throws Exception {
        assumeFalse(Files.exists(PID_FILE), "an InfluxDB of target/influxdb is running");
        bystander = new ProcessBuilder("sleep", "120").start();
        Files.createDirectories(PID_FILE.getParent());
        Files.writeString(PID_FILE, Long.toString(bystander.pid()));

        Process stop =
                new ProcessBuilder("./autoscaler", "influx", "stop")
                        .redirectErrorStream(true)
                        .start();
        assertThat(stop.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(bystander.isAlive()).as(out).isTrue();
        assertThat(out).contains("no InfluxDB of").contains("is running");
        assertThat(stop.exitValue()).isZero();
    }
}
