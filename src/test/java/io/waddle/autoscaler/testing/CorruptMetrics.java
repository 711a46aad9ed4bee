package io.waddle.autoscaler.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of metric records that must never become samples: every one is refused by the
 * parser or the source. Each record comes with its Kafka record timestamp, since lying about that
 * is one of the corruptions.
 */
public final class CorruptMetrics {
    /** One record to produce: raw bytes (null for a tombstone) and its record timestamp. */
    public record Corrupt(Kind kind, byte[] value, Instant recordTime) {}

    public enum Kind {
        TRUNCATED,
        WRONG_TYPE,
        NOT_FINITE,
        HUGE_NUMBER,
        NEGATIVE,
        UNKNOWN_KIND,
        WRONG_ENCODING,
        CONTROL_IN_NAME,
        MANY_GAUGES,
        FAR_PAST,
        FAR_FUTURE,
        FUTURE_RECORD_TIME,
        MISSING_FIELD,
        DUPLICATE_KEY,
        TOMBSTONE,
        LARGE
    }

    private final Random random;
    private final Instant sampleTime;
    private final Instant now;

    /**
     * @param sampleTime the time of the valid samples they are mixed with
     * @param now the job's clock, around which the future-stamped ones lie
     */
    public CorruptMetrics(long seed, Instant sampleTime, Instant now) {
        this.random = new Random(seed);
        this.sampleTime = sampleTime;
        this.now = now;
    }

    /** {@code n} corrupt records, with {@code large} of them between 100 KB and 10 MB. */
    public List<Corrupt> next(int n, int large) {
        List<Corrupt> out = new ArrayList<>(n);
        for (int i = 0; i < large; i++) {
            out.add(large(i % 3 == 0 ? 10 << 20 : 100_000 + random.nextInt(800_000)));
        }
        Kind[] kinds = Arrays.copyOf(Kind.values(), Kind.values().length - 1);
        while (out.size() < n) {
            out.add(one(kinds[random.nextInt(kinds.length)]));
        }
        return out;
    }

    private String valid(String instance) {
        return SampleBuilder.compute("chat-api", "eu-west")
                .instance(instance)
                .at(sampleTime.plusSeconds(random.nextInt(90)))
                .cpu(90)
                .memory(40)
                .json();
    }

    private Corrupt text(Kind k, String json) {
        return new Corrupt(k, json.getBytes(StandardCharsets.UTF_8), sampleTime);
    }

    private Corrupt one(Kind k) {
        String v = valid("i-" + random.nextInt(4));
        return switch (k) {
            case TRUNCATED -> text(k, v.substring(0, 1 + random.nextInt(v.length() - 1)));
            case WRONG_TYPE ->
                    text(
                            k,
                            switch (random.nextInt(4)) {
                                case 0 -> v.replace("\"cpu\":90.0", "\"cpu\":\"90\"");
                                case 1 -> v.replace("\"chat-api\"", "42");
                                case 2 ->
                                        v.replaceFirst("\"gauges\":\\{[^}]*}", "\"gauges\":[1,2]");
                                default -> "[" + v + "]";
                            });
            case NOT_FINITE ->
                    text(
                            k,
                            v.replace(
                                    "\"cpu\":90.0",
                                    "\"cpu\":"
                                            + List.of("NaN", "Infinity", "-Infinity")
                                                    .get(random.nextInt(3))));
            case HUGE_NUMBER ->
                    text(
                            k,
                            v.replace(
                                    "\"cpu\":90.0",
                                    "\"cpu\":"
                                            + List.of("1e400", "1e300", "9".repeat(400), "5000")
                                                    .get(random.nextInt(4))));
            case NEGATIVE ->
                    text(k, v.replace("\"cpu\":90.0", "\"cpu\":-" + (1 + random.nextInt(99))));
            case UNKNOWN_KIND ->
                    text(
                            k,
                            v.replace(
                                    "\"compute\"",
                                    "\""
                                            + List.of("gpu", "", "COMPUTE ").get(random.nextInt(3))
                                            + "\""));
            case WRONG_ENCODING ->
                    new Corrupt(
                            k,
                            random.nextBoolean()
                                    ? v.getBytes(StandardCharsets.UTF_16)
                                    : new byte[] {'{', '"', (byte) 0xC3, 0x28, (byte) 0xFF, '}'},
                            sampleTime);
            case CONTROL_IN_NAME ->
                    text(
                            k,
                            random.nextBoolean()
                                    ? v.replace("\"chat-api\"", "\"chat\\napi\"")
                                    : v.replace(
                                            "\"cpu\":90.0",
                                            "\"cpu\\nutilization,service=x to=9i\":90.0"));
            case MANY_GAUGES ->
                    text(
                            k,
                            v.replaceFirst(
                                    "\"gauges\":\\{",
                                    "\"gauges\":{" + gauges(65 + random.nextInt(3000)) + ","));
            case FAR_PAST ->
                    text(
                            k,
                            v.replaceFirst(
                                    "\"timestamp\":\"[^\"]*\"",
                                    "\"timestamp\":"
                                            + List.of("-1", "-86400000", "\"1969-12-31T23:59:59Z\"")
                                                    .get(random.nextInt(3))));
            case FAR_FUTURE ->
                    text(
                            k,
                            v.replaceFirst(
                                    "\"timestamp\":\"[^\"]*\"",
                                    "\"timestamp\":"
                                            + List.of(
                                                            "\"+10000-01-01T00:00:00Z\"",
                                                            "9223372036854775807",
                                                            "\""
                                                                    + now.plus(Duration.ofHours(1))
                                                                    + "\"")
                                                    .get(random.nextInt(3))));
            case FUTURE_RECORD_TIME -> {
                // A producer whose clock is 50 minutes fast stamps its record and its sample alike
                // (a Kafka 4 broker refuses record timestamps more than an hour ahead of its own:
                // log.message.timestamp.after.max.ms).
                Instant ahead = now.plus(Duration.ofMinutes(50));
                String s =
                        SampleBuilder.compute("chat-api", "eu-west")
                                .instance("i-" + random.nextInt(4))
                                .at(ahead)
                                .cpu(90)
                                .json();
                yield new Corrupt(k, s.getBytes(StandardCharsets.UTF_8), ahead);
            }
            case MISSING_FIELD ->
                    text(
                            k,
                            v.replaceFirst(
                                    "\""
                                            + List.of(
                                                            "service",
                                                            "region",
                                                            "kind",
                                                            "instance_id",
                                                            "timestamp",
                                                            "gauges",
                                                            "schema_version")
                                                    .get(random.nextInt(7))
                                            + "\":",
                                    "\"x_removed\":"));
            case DUPLICATE_KEY -> text(k, v.replace("\"cpu\":90.0", "\"cpu\":90.0,\"cpu\":10.0"));
            case TOMBSTONE -> new Corrupt(k, null, sampleTime);
            case LARGE -> throw new IllegalStateException("built by large()");
        };
    }

    private static String gauges(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"g").append(i).append("\":1");
        }
        return b.toString();
    }

    private Corrupt large(int bytes) {
        String v = valid("i-0");
        String pad = "\"pad\":\"" + "x".repeat(Math.max(0, bytes - v.length() - 10)) + "\",";
        return text(Kind.LARGE, v.replaceFirst("\\{", "{" + pad));
    }
}
