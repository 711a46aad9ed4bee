package io.waddle.autoscaler.core.alerts;

import io.waddle.autoscaler.core.model.ActuationResult;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A service's scaling failure rate over the failure span (an hour by default), from the actuator's
 * results: critical above the threshold (10 %). Immutable; {@link #add} returns the next.
 *
 * @param outcomes applied (false) or failed (true) results, oldest first, within the span
 */
public record FailureRate(List<Outcome> outcomes) implements Serializable {
    public record Outcome(Instant at, boolean failed) implements Serializable {}

    public FailureRate {
        outcomes = List.copyOf(outcomes);
    }

    public static FailureRate none() {
        return new FailureRate(List.of());
    }

    /** With {@code r} counted (an observed capacity is no attempt and is not). */
    public FailureRate add(ActuationResult r, AlertSettings s) {
        if (r.isObservation()) {
            return this;
        }
        List<Outcome> next = new ArrayList<>(within(r.appliedAt(), s));
        next.add(new Outcome(r.appliedAt(), !r.isApplied()));
        return new FailureRate(next);
    }

    /** Only the attempts of the span before {@code now}. */
    public FailureRate pruned(Instant now, AlertSettings s) {
        return new FailureRate(within(now, s));
    }

    /** Failed share of the attempts in the span before {@code now}; 0 without attempts. */
    public double rate(Instant now, AlertSettings s) {
        List<Outcome> recent = within(now, s);
        if (recent.isEmpty()) {
            return 0;
        }
        return recent.stream().filter(Outcome::failed).count() / (double) recent.size();
    }

    public boolean critical(Instant now, AlertSettings s) {
        return rate(now, s) > s.failureThreshold();
    }

    public String describe(Instant now, AlertSettings s) {
        List<Outcome> recent = within(now, s);
        long failed = recent.stream().filter(Outcome::failed).count();
        return String.format(
                Locale.ROOT,
                "%d of %d scaling commands failed in the last %s (%.0f %%, threshold %.0f %%)",
                failed,
                recent.size(),
                span(s.failureSpan()),
                100 * rate(now, s),
                100 * s.failureThreshold());
    }

    /** When the oldest attempt counted leaves the span, or null without attempts. */
    public Instant firstExpiry(AlertSettings s) {
        return outcomes.isEmpty() ? null : outcomes.get(0).at().plus(s.failureSpan()).plusMillis(1);
    }

    private static String span(Duration d) {
        if (d.equals(Duration.ofHours(1))) {
            return "hour";
        }
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private List<Outcome> within(Instant now, AlertSettings s) {
        Instant cutoff = now.minus(s.failureSpan());
        return outcomes.stream().filter(o -> o.at().isAfter(cutoff)).toList();
    }
}
