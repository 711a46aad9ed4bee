package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The soak JVM's memory (the MiniCluster runs in it) beside what {@code flink-conf/} gives a
 * TaskManager: peak heap, the JVM's heap limit, peak resident memory.
 */
final class SoakMemory {
    private SoakMemory() {}

    static void report(Map<String, Object> r) throws IOException {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        r.put("heapPeakMb", heapPeak >> 20);
        r.put("heapMaxMb", Runtime.getRuntime().maxMemory() >> 20);
        r.put("residentPeakMb", residentPeakKb() >> 10);
        r.put(
                "taskManagerProcessSizeMb",
                StandaloneFlinkCluster.flinkConf(TaskManagerOptions.TOTAL_PROCESS_MEMORY)
                        .map(MemorySize::getMebiBytes)
                        .orElse(-1));
        r.put(
                "managedMemoryMb",
                StandaloneFlinkCluster.flinkConf(TaskManagerOptions.MANAGED_MEMORY_SIZE)
                        .map(MemorySize::getMebiBytes)
                        .orElse(-1));
    }

    /** The process's peak resident set (VmHWM), in KB; -1 where /proc is not there. */
    private static long residentPeakKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
