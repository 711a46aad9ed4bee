package io.waddle.autoscaler.core.alerts;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.Reason;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alert conditions of one service in one region, and what to publish as they change. Plain Java
 * with time as an input; the Flink function keeps one per key and wakes it with timers.
 *
 * <ul>
 *   <li>Scaling failures: critical while more than 10 % of the last hour's actuation results
 *       failed; resolved when the share falls back (also as failures age out of the hour).
 *   <li>Oscillation: a warning at an oscillation match; resolved after the calm period without
 *       another.
 *   <li>Metrics silent: a warning when the coordinator reports the region silent; resolved at its
 *       next decision for it.
 * </ul>
 *
 * @param lastOscillation the latest oscillation match, or null
 */
public record AlertWatch(
        AlertBook.Firing firing,
        FailureRate failures,
        Instant lastOscillation,
        String service,
        String region)
        implements Serializable {

    /** The watch after a change, the alerts to publish, and when to look again (or null). */
    public record Step(AlertWatch next, List<Alert> publish, Instant wakeAt) {}

    public static AlertWatch quiet(String service, String region) {
        return new AlertWatch(AlertBook.Firing.none(), FailureRate.none(), null, service, region);
    }

    public Step onMatch(PatternMatch m, AlertSettings s) {
        if (m.type() != PatternMatch.Type.OSCILLATION) {
            return new Step(this, List.of(), wakeAt(s));
        }
        Instant at = m.at();
        AlertBook.Update u =
                AlertBook.observe(
                        firing, AlertCondition.OSCILLATION, service, region, true, m.detail(), at);
        Instant last =
                lastOscillation == null || at.isAfter(lastOscillation) ? at : lastOscillation;
        AlertWatch next = new AlertWatch(u.next(), failures, last, service, region);
        return new Step(next, list(u.publish()), next.wakeAt(s));
    }

    public Step onResult(ActuationResult r, AlertSettings s) {
        FailureRate rate = failures.add(r, s);
        AlertWatch next = new AlertWatch(firing, rate, lastOscillation, service, region);
        return next.judgeFailures(r.appliedAt(), s);
    }

    public Step onEvent(Decision e, AlertSettings s) {
        boolean silent = e.reason() == Reason.METRICS_SILENT;
        AlertBook.Update u =
                AlertBook.observe(
                        firing,
                        AlertCondition.METRICS_SILENT,
                        service,
                        region,
                        silent,
                        silent ? e.detail() : "metrics arrive again: " + e.action().wireName(),
                        e.decidedAt());
        AlertWatch next = new AlertWatch(u.next(), failures, lastOscillation, service, region);
        return new Step(next, list(u.publish()), next.wakeAt(s));
    }

    /** Time passed to {@code now}: failures age out, a calm service's oscillation resolves. */
    public Step onTime(Instant now, AlertSettings s) {
        List<Alert> out = new ArrayList<>();
        AlertBook.Firing book = firing;
        Instant last = lastOscillation;
        if (last != null && !now.isBefore(last.plus(s.calmPeriod()))) {
            AlertBook.Update u =
                    AlertBook.observe(
                            book,
                            AlertCondition.OSCILLATION,
                            service,
                            region,
                            false,
                            "no oscillation for " + s.calmPeriod().toMinutes() + " min",
                            now);
            book = u.next();
            u.publish().ifPresent(out::add);
            last = null;
        }
        Step judged =
                new AlertWatch(book, failures.pruned(now, s), last, service, region)
                        .judgeFailures(now, s);
        out.addAll(judged.publish());
        return new Step(judged.next(), out, judged.wakeAt());
    }

    /** Whether nothing is firing or pending: the key's state can go. */
    public boolean isQuiet(Instant now, AlertSettings s) {
        return firing.alerts().isEmpty()
                && lastOscillation == null
                && failures.pruned(now, s).outcomes().isEmpty();
    }

    private Step judgeFailures(Instant now, AlertSettings s) {
        boolean critical = failures.critical(now, s);
        AlertBook.Update u =
                AlertBook.observe(
                        firing,
                        AlertCondition.SCALING_FAILURES,
                        service,
                        region,
                        critical,
                        failures.describe(now, s),
                        now);
        AlertWatch next = new AlertWatch(u.next(), failures, lastOscillation, service, region);
        return new Step(next, list(u.publish()), next.wakeAt(s));
    }

    /** The next moment something can change without input: an oscillation calms, a failure ages. */
    private Instant wakeAt(AlertSettings s) {
        Instant wake = lastOscillation == null ? null : lastOscillation.plus(s.calmPeriod());
        if (!failures.outcomes().isEmpty()) {
            // Outcomes are oldest first: the first to age out of the hour is the next change.
            Instant ages = failures.firstExpiry(s);
            if (wake == null || ages.isBefore(wake)) {
                wake = ages;
            }
        }
        return wake;
    }

    private static List<Alert> list(Optional<Alert> a) {
        return a.map(List::of).orElse(List.of());
    }
}
