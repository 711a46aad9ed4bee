package io.waddle.autoscaler.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine;

/** The demo's flags, checked ({@link DemoCommand} parses and documents them). */
public record DemoOptions(
        int minutes,
        Instant start,
        double speedup,
        Duration provisioningDelay,
        Duration drainTime,
        int peakInstances,
        Path trace,
        int viewEveryMinutes,
        int parallelism,
        long seed,
        Path workDir,
        boolean allKinds,
        String globalMax,
        String influx,
        String bootstrap,
        Path commandConfig,
        Map<String, String> kafkaProperties) {

    static final DateTimeFormatter START_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Parses the demo's flags; throws IllegalArgumentException naming a bad one. */
    public static DemoOptions parse(String... args) {
        DemoCommand c = new DemoCommand();
        try {
            new CommandLine(c).parseArgs(args);
            return c.options();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Instant parseStart(String v) {
        try {
            return LocalDateTime.parse(v, START_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must look like \"1998-06-25 13:30\"; got \"" + v + "\"");
        }
    }
}
