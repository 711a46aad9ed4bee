package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.windows.SlidingWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the simulation to the job's pace: a step ends once the job has decided every window of
 * every service that the step's samples close, and the commands of those decisions have arrived.
 * Then the platform moves on with exactly the commands those windows gave, however busy the
 * machine: a run's figures are the same every time.
 */
final class LockStep {
    private final SlidingWindows windows;
    private final long lagMs;
    private final Map<String, TreeSet<Long>> open = new HashMap<>();
    private final Map<String, Long> due = new HashMap<>();
    private final Map<String, Long> decidedUpTo = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Set<String> received = ConcurrentHashMap.newKeySet();

    /**
     * @param outOfOrderness the job's watermark delay: samples at t close only the windows that end
     *     by t minus it
     */
    LockStep(Duration windowSize, Duration slide, Duration outOfOrderness) {
        this.windows = new SlidingWindows(windowSize, slide);
        this.lagMs = outOfOrderness.toMillis();
    }

    /** {@code key} sent a sample at {@code t}: the windows it falls in will be decided. */
    void sampled(String key, Instant t) {
        open.computeIfAbsent(key, k -> new TreeSet<>()).addAll(windows.endsOf(t));
    }

    /** A decision read from the events topic. */
    void decided(ScalingEvent e) {
        decidedUpTo.merge(e.serviceRegionKey(), e.decidedAt().toEpochMilli(), Math::max);
        if (e.commandId() != null) {
            issued.add(e.commandId());
        }
    }

    /** A command read from the commands topic. */
    void commanded(ScalingCommand c) {
        received.add(c.commandId());
    }

    /**
     * Waits until the windows that samples at {@code t} close (those ending by the watermark they
     * bring, t minus the out-of-orderness) are decided, and their commands are in; fails if the job
     * takes longer than {@code wait}.
     */
    void await(Instant t, Duration wait) throws InterruptedException {
        long at = t.toEpochMilli() - lagMs;
        open.forEach(
                (key, ends) -> {
                    Long last = null;
                    while (!ends.isEmpty() && ends.first() <= at) {
                        last = ends.pollFirst();
                    }
                    if (last != null) {
                        due.merge(key, last, Math::max);
                    }
                });
        Instant deadline = Instant.now().plus(wait);
        while (!caughtUp()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the job has not decided the windows up to " + t + " in " + wait);
            }
            Thread.sleep(5);
        }
    }

    private boolean caughtUp() {
        for (Map.Entry<String, Long> d : due.entrySet()) {
            if (decidedUpTo.getOrDefault(d.getKey(), Long.MIN_VALUE) < d.getValue()) {
                return false;
            }
        }
        return received.containsAll(issued);
    }
}
