package io.waddle.autoscaler.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A process's peak resident set ({@code VmHWM} in {@code /proc/PID/status}). */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** This process's peak resident set, in KB; -1 where /proc does not say. */
    public static long peakKb() {
        return peakKb(ProcessHandle.current().pid());
    }

    /** Process {@code pid}'s peak resident set, in KB; -1 where /proc does not say. */
    public static long peakKb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
