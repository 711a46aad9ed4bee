package io.waddle.autoscaler.bench.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * What Flink's memory model makes of a cluster's TaskManager configuration, as Flink's own start
 * script computes it: the JVM's limits (heap, direct memory, metaspace) and every memory component
 * as a dynamic property, so that the TaskManager process holds to its configured size as one
 * started by {@code taskmanager.sh} does.
 *
 * @param parameters {@code -Xmx -Xms -XX:MaxDirectMemorySize -XX:MaxMetaspaceSize}
 * @param dynamicConfigs {@code -D key=value} for every memory component
 * @param processSizeMb the total process size
 * @param heapMb the JVM heap (framework and task heap)
 */
public record TaskManagerJvm(
        List<String> parameters, List<String> dynamicConfigs, long processSizeMb, long heapMb) {

    /** From {@code dir}'s {@code config.yaml}. */
    public static TaskManagerJvm of(Path dir) {
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        return new TaskManagerJvm(
                words(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)),
                spec.getTotalProcessMemorySize().getMebiBytes(),
                spec.getJvmHeapMemorySize().getMebiBytes());
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
