package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One rate-limit rule: at most {@code value} instances, or {@code value} percent of the capacity at
 * the period's start, may be added (or removed) per {@code period}. Written as {@code 4/15s} or
 * {@code 100%/15s}.
 */
public record RatePolicy(Type type, int value, Duration period) implements Serializable {

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
    }

    public static RatePolicy instances(int value, Duration period) {
        return new RatePolicy(Type.INSTANCES, value, period);
    }

    public static RatePolicy percent(int value, Duration period) {
        return new RatePolicy(Type.PERCENT, value, period);
    }

    /** Parses {@code 4/15s}, {@code 100%/15s} or {@code 10%/1m} (units s, m, h). */
    public static RatePolicy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' must look like 4/15s or 100%/15s");
        }
        String amount = s.substring(0, slash).trim();
        Duration period = parsePeriod(s.substring(slash + 1).trim(), text);
        try {
            if (amount.endsWith("%")) {
                return percent(Integer.parseInt(amount.substring(0, amount.length() - 1)), period);
            }
            return instances(Integer.parseInt(amount), period);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' has a non-integer amount '" + amount + "'");
        }
    }

    private static Duration parsePeriod(String p, String text) {
        if (p.length() < 2) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' has no period unit (s, m, h)");
        }
        long n;
        try {
            n = Long.parseLong(p.substring(0, p.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "rate limit '" + text + "' has a bad period '" + p + "'");
        }
        return switch (p.charAt(p.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default ->
                    throw new IllegalArgumentException(
                            "rate limit '" + text + "' has an unknown period unit in '" + p + "'");
        };
    }

    @Override
    public String toString() {
        return value + (type == Type.PERCENT ? "%" : "") + "/" + period.toSeconds() + "s";
    }
}
