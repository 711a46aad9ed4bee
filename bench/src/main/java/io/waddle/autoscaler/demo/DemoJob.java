package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.config.AutoscalerOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * The job's options in the demo: the job's defaults, with what describes the simulated platform.
 */
final class DemoJob {
    private DemoJob() {}

    static Configuration configuration(
            DemoOptions options, DemoKafka kafka, double capacity, Path workDir) {
        Configuration conf = new Configuration();
        kafka.configure(conf);
        conf.set(AutoscalerOptions.STARTING_OFFSETS, "earliest");
        conf.set(AutoscalerOptions.COMPUTE_TARGET_REQUESTS, capacity * Demo.TARGET_UTILIZATION);
        // The coordinator's readiness rules describe the simulated platform: a compute instance at
        // its target utilization holds that many requests/s of sessions in the cache, and opens 10
        // connections.
        double gib = 1L << 30;
        conf.set(
                AutoscalerOptions.COORDINATOR_CACHE_GIB_PER_INSTANCE,
                capacity * Demo.TARGET_UTILIZATION * Demo.CACHE_BYTES_PER_REQUEST / gib);
        conf.set(AutoscalerOptions.COORDINATOR_CACHE_GIB_PER_NODE, Demo.CACHE_NODE_BYTES / gib);
        conf.set(
                AutoscalerOptions.COORDINATOR_CONNECTIONS_PER_INSTANCE,
                Demo.CONNECTIONS_PER_WORKER);
        conf.set(AutoscalerOptions.COORDINATOR_GLOBAL_MAX, options.globalMax());
        // A source subtask or partition without samples must not hold event time back for long.
        conf.set(AutoscalerOptions.IDLENESS, Duration.ofSeconds(2));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Simulated time runs fast and each step waits for the job's commands, which commit with
        // a checkpoint: checkpoint often.
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        return conf;
    }
}
