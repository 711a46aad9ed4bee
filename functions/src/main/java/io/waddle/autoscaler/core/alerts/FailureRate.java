package io.waddle.autoscaler.core.alerts;

import io.waddle.autoscaler.core.model.ActuationResult;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A service's scaling failure rate over the last hour, from the actuator's results: critical above
 * 10 %. Immutable; {@link #add} returns the next.
 *
 * @param outcomes applied (false) or failed (true) results, oldest first, within the span
 */
public record FailureRate(List<Outcome> outcomes) implements Serializable {
    public static final Duration SPAN = Duration.ofHours(1);
    public static final double THRESHOLD = 0.10;

    public record Outcome(Instant at, boolean failed) implements Serializable {}

    public FailureRate {
        outcomes = List.copyOf(outcomes);
    }

    public static FailureRate none() {
        return new FailureRate(List.of());
    }

    /** With {@code r} counted (an observed capacity is no attempt and is not). */
    public FailureRate add(ActuationResult r) {
        if (ActuationResult.OBSERVED.equals(r.status())) {
            return this;
        }
        List<Outcome> next = new ArrayList<>(within(r.appliedAt()));
        next.add(new Outcome(r.appliedAt(), !r.isApplied()));
        return new FailureRate(next);
    }

    /** Only the attempts of the hour before {@code now}. */
    public FailureRate pruned(Instant now) {
        return new FailureRate(within(now));
    }

    /** Failed share of the attempts in the hour before {@code now}; 0 without attempts. */
    public double rate(Instant now) {
        List<Outcome> recent = within(now);
        if (recent.isEmpty()) {
            return 0;
        }
        return recent.stream().filter(Outcome::failed).count() / (double) recent.size();
    }

    public boolean critical(Instant now) {
        return rate(now) > THRESHOLD;
    }

    public String describe(Instant now) {
        List<Outcome> recent = within(now);
        long failed = recent.stream().filter(Outcome::failed).count();
        return String.format(
                Locale.ROOT,
                "%d of %d scaling commands failed in the last hour (%.0f %%, threshold %.0f %%)",
                failed,
                recent.size(),
                100 * rate(now),
                100 * THRESHOLD);
    }

    private List<Outcome> within(Instant now) {
        Instant cutoff = now.minus(SPAN);
        return outcomes.stream().filter(o -> o.at().isAfter(cutoff)).toList();
    }
}
