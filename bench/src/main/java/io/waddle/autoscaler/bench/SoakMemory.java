package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.cluster.ResidentMemory;
import io.waddle.autoscaler.bench.cluster.StandaloneFlinkCluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
        r.put("residentPeakMb", ResidentMemory.peakKb() >> 10);
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
}
