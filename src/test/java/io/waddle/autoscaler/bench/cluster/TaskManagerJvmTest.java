package io.waddle.autoscaler.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's TaskManager JVM is started with what Flink's memory model makes of its process size,
 * as Flink's start script does: heap, direct memory and metaspace limits, and every component.
 */
class TaskManagerJvmTest {
    @TempDir Path dir;

    @Test
    void aTwoGigabyteTaskManagerGetsTheLimitsOfFlinksMemoryModel() throws Exception {
        Files.writeString(
                dir.resolve("config.yaml"),
                "taskmanager.memory.process.size: 2048m\ntaskmanager.memory.managed.size: 640m\n");

        TaskManagerJvm jvm = TaskManagerJvm.of(dir);

        assertThat(jvm.processSizeMb()).isEqualTo(2048);
        assertThat(jvm.heapMb()).isBetween(256L, 2048L - 640L);
        String xmx =
                jvm.parameters().stream()
                        .filter(p -> p.startsWith("-Xmx"))
                        .findFirst()
                        .orElseThrow();
        assertThat(Long.parseLong(xmx.substring(4)) >> 20).isEqualTo(jvm.heapMb());
        assertThat(jvm.parameters())
                .contains("-Xms" + xmx.substring(4))
                .anyMatch(p -> p.startsWith("-XX:MaxDirectMemorySize="))
                .anyMatch(p -> p.startsWith("-XX:MaxMetaspaceSize="));
        assertThat(jvm.dynamicConfigs())
                .contains("-D")
                .anyMatch(c -> c.equals("taskmanager.memory.managed.size=" + (640L << 20) + "b"));
    }
}
