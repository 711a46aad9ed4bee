package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One rate-limit rule: at most {@code value} instances, or {@code value} percent of the capacity at
 * the period's start, may be added (or removed) per {@code period}. Written as {@code 4/15s} or
 * {@code 100%/15s}.
 *
 * <p>Bounds, so that no rule can overflow the arithmetic that applies it: a period of 1 s to {@link
 * #MAX_PERIOD} (the HPA allows 30 min), at most {@link #MAX_INSTANCES} instances or {@link
 * #MAX_PERCENT} percent.
 */
public record RatePolicy(Type type, int value, Duration period) implements Serializable {

    public static final Duration MAX_PERIOD = Duration.ofHours(1);
    public static final int MAX_INSTANCES = 100_000;
    public static final int MAX_PERCENT = 10_000;

    public enum Type {
        INSTANCES,
        PERCENT
    }

    public RatePolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        if (value <= 0) {
            throw new IllegalArgumentException("rate-limit value must be > 0: " + value);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate-limit period must be > 0: " + period);
        }
        if (period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(
                    "rate-limit period must be at most " + MAX_PERIOD.toMinutes() + "m: " + period);
        }
        int max = type == Type.PERCENT ? MAX_PERCENT : MAX_INSTANCES;
        if (value > max) {
            throw new IllegalArgumentException(
                    "rate-limit value must be at most "
                            + max
                            + (type == Type.PERCENT ? "%" : " instances")
                            + ": "
                            + value);
        }
    }

    public static RatePolicy instances(int value, Duration period) {
        return new RatePolicy(Type.INSTANCES, value, period);
    }

    public static RatePolicy percent(int value, Duration period) {
        return new RatePolicy(Type.PERCENT, value, period);
    }

    /**
     * Parses {@code 4/15s}, {@code 100%/15s} or {@code 10%/1m} (units s, m, h).
     *
     * @throws IllegalArgumentException for any text that is not such a rule within the bounds,
     *     however large its numbers
     */
    public static RatePolicy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' must look like 4/15s or 100%/15s");
        }
        String amount = s.substring(0, slash).trim();
        Duration period = parsePeriod(s.substring(slash + 1).trim(), text);
        boolean percent = amount.endsWith("%");
        String digits = percent ? amount.substring(0, amount.length() - 1) : amount;
        long n = number(digits, text, "amount");
        int max = percent ? MAX_PERCENT : MAX_INSTANCES;
        if (n <= 0 || n > max) {
            throw new IllegalArgumentException(
                    "rate limit '"
                            + text
                            + "' must add or remove 1 to "
                            + max
                            + (percent ? " %" : " instances"));
        }
        return percent ? percent((int) n, period) : instances((int) n, period);
    }

    /** A non-negative decimal; past 9 digits, Long.MAX_VALUE (beyond every bound, no overflow). */
    private static long number(String digits, String text, String what) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' has a bad " + what + " '" + digits + "'");
        }
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static Duration parsePeriod(String p, String text) {
        if (p.length() < 2) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' has no period unit (s, m, h)");
        }
        long unit =
                switch (p.charAt(p.length() - 1)) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    default ->
                            throw new IllegalArgumentException(
                                    "rate limit '"
                                            + text
                                            + "' has an unknown period unit in '"
                                            + p
                                            + "'");
                };
        long n = number(p.substring(0, p.length() - 1), text, "period");
        long seconds = n > MAX_PERIOD.toSeconds() ? Long.MAX_VALUE : n * unit;
        if (seconds <= 0 || seconds > MAX_PERIOD.toSeconds()) {
            throw new IllegalArgumentException(
                    "rate limit '"
                            + text
                            + "' must have a period of 1s to "
                            + MAX_PERIOD.toMinutes()
                            + "m");
        }
        return Duration.ofSeconds(seconds);
    }

    @Override
    public String toString() {
        return value + (type == Type.PERCENT ? "%" : "") + "/" + period.toSeconds() + "s";
    }
}
