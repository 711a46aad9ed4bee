package io.waddle.autoscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/** What a job's retained checkpoints take on disk, for the state-per-key figure. */
final class CheckpointStorage {
    private CheckpointStorage() {}

    /**
     * Bytes of the job's checkpoint storage: the shared RocksDB files and the latest checkpoint.
     */
    static long bytes(Path checkpoints, JobID job) throws IOException {
        Path dir = checkpoints.resolve(job.toHexString());
        long shared = size(dir.resolve("shared"));
        try (Stream<Path> chks = Files.list(dir)) {
            long latest =
                    chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                            .max(
                                    Comparator.comparingLong(
                                            p ->
                                                    Long.parseLong(
                                                            p.getFileName()
                                                                    .toString()
                                                                    .substring(4))))
                            .map(CheckpointStorage::sizeQuietly)
                            .orElse(0L);
            return shared + latest;
        }
    }

    private static long sizeQuietly(Path p) {
        try {
            return size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(CheckpointStorage::fileSize).sum();
        }
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // a file removed by the checkpoint cleaner meanwhile
        }
    }
}
