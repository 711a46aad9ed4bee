package io.waddle.autoscaler.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A request-rate trace: counts per interval, read from a CSV of {@code timestamp,count} (header or
 * not, any resolution, integer or decimal counts; naive timestamps are taken as UTC). {@link
 * #ratePerSecond} interpolates linearly between the points' mid-intervals.
 */
public final class Trace {
    public static final String BUNDLED_WORLD_CUP = "/traces/wc98-requests-per-minute.csv";

    private static final DateTimeFormatter NAIVE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final long[] times; // epoch seconds of each interval's start
    private final double[] rates; // requests per second in that interval
    private final long step; // interval length, seconds

    private Trace(long[] times, double[] rates, long step) {
        this.times = times;
        this.rates = rates;
        this.step = step;
    }

    public static final String BUNDLED_TWEETS = "/traces/nab-twitter-volume-aapl-5min.csv";
    public static final String BUNDLED_TAXI = "/traces/nab-nyc-taxi-30min.csv";

    public static Trace bundledWorldCup() {
        return bundled(BUNDLED_WORLD_CUP);
    }

    /** A trace shipped on the class path, e.g. {@link #BUNDLED_TWEETS}. */
    public static Trace bundled(String resource) {
        InputStream in = Trace.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    "the bundled trace " + resource + " is missing from the classpath");
        }
        return read(in, resource);
    }

    /** The name {@code --trace} takes for {@link #flapping()}. */
    public static final String SYNTHETIC_FLAPPING = "synthetic:flapping";

    /**
     * A synthetic load made to flap a reactive autoscaler: six hours from 2026-01-05 00:00 UTC, per
     * minute, alternating every 6 minutes between 1000 and 450 requests per second, with ±3 % noise
     * (fixed seed: the same trace every time). A scale-down stabilization and cooldown shorter than
     * the quiet half let capacity follow every swing.
     */
    public static Trace flapping() {
        int minutes = 6 * 60;
        long[] times = new long[minutes];
        double[] rates = new double[minutes];
        long start = Instant.parse("2026-01-05T00:00:00Z").getEpochSecond();
        java.util.Random noise = new java.util.Random(1);
        for (int i = 0; i < minutes; i++) {
            times[i] = start + 60L * i;
            double level = (i / 6) % 2 == 0 ? 1000 : 450;
            rates[i] = level * (0.97 + 0.06 * noise.nextDouble());
        }
        return new Trace(times, rates, 60);
    }

    /** A CSV file, or {@link #SYNTHETIC_FLAPPING}. */
    public static Trace named(String name) {
        return name.equals(SYNTHETIC_FLAPPING) ? flapping() : load(Path.of(name));
    }

    public static Trace load(Path file) {
        try {
            return read(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
    }

    private static Trace read(InputStream in, String name) {
        List<Long> tsList = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + name, e);
        }
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter(text))
                        .setCommentMarker('#')
                        .setIgnoreEmptyLines(true)
                        .setIgnoreSurroundingSpaces(true)
                        .setTrim(true)
                        .get();
        try (CSVParser csv = CSVParser.parse(text, format)) {
            for (CSVRecord row : csv) {
                long lineNo = csv.getCurrentLineNumber();
                if (row.size() < 2) {
                    throw new IllegalArgumentException(
                            name + ":" + lineNo + ": expected 'timestamp,count'");
                }
                Instant t = parseTime(row.get(0));
                double c;
                try {
                    c = Double.parseDouble(row.get(1));
                } catch (NumberFormatException e) {
                    c = Double.NaN;
                }
                if (t == null || Double.isNaN(c)) {
                    if (counts.isEmpty() && row.getRecordNumber() == 1) {
                        continue; // a header row, whatever its column names
                    }
                    throw new IllegalArgumentException(
                            name
                                    + ":"
                                    + lineNo
                                    + ": cannot read '"
                                    + String.join(",", row.values())
                                    + "' as timestamp,count");
                }
                if (c < 0 || Double.isInfinite(c)) {
                    throw new IllegalArgumentException(
                            name + ":" + lineNo + ": count must be finite and >= 0");
                }
                tsList.add(t.getEpochSecond());
                counts.add(c);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(name + ": not a CSV file: " + e.getMessage(), e);
        }
        if (counts.size() < 2) {
            throw new IllegalArgumentException(name + ": a trace needs at least two points");
        }
        long[] times = tsList.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException(
                        name + ": timestamps must increase (row " + (i + 1) + ")");
            }
        }
        long step = medianStep(times);
        double[] rates = counts.stream().mapToDouble(c -> c / step).toArray();
        return new Trace(times, rates, step);
    }

    /** The trace's delimiter: a comma, semicolon or tab, whichever its first data line has. */
    private static char delimiter(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            for (char d : new char[] {',', ';', '\t'}) {
                if (l.indexOf(d) >= 0) {
                    return d;
                }
            }
            break;
        }
        return ',';
    }

    private static Instant parseTime(String s) {
        try {
            return LocalDateTime.parse(s, NAIVE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static long medianStep(long[] times) {
        long[] steps = new long[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            steps[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }

    public Instant start() {
        return Instant.ofEpochSecond(times[0]);
    }

    public Instant end() {
        return Instant.ofEpochSecond(times[times.length - 1] + step);
    }

    public Duration resolution() {
        return Duration.ofSeconds(step);
    }

    /**
     * Requests per second at {@code t}, linearly interpolated; the nearest point outside the trace.
     */
    public double ratePerSecond(Instant t) {
        double x = t.getEpochSecond() + t.getNano() / 1e9 - step / 2.0; // points sit mid-interval
        if (x <= times[0]) {
            return rates[0];
        }
        if (x >= times[times.length - 1]) {
            return rates[rates.length - 1];
        }
        int i = Arrays.binarySearch(times, (long) Math.floor(x));
        if (i < 0) {
            i = -i - 2;
        }
        double span = times[i + 1] - times[i];
        double f = (x - times[i]) / span;
        return rates[i] + f * (rates[i + 1] - rates[i]);
    }

    /** The q-quantile (0..1) of the per-second rates over the whole trace. */
    public double quantile(double q) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[idx];
    }
}
