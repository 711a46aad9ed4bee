package io.waddle.autoscaler.coordination;

import io.waddle.autoscaler.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.coordination.PlatformState.Lock;
import io.waddle.autoscaler.model.PolicyRef;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.ServiceKind;
import io.waddle.autoscaler.scaling.Reason;
import io.waddle.autoscaler.scaling.ScalingDecision;
import io.waddle.autoscaler.scaling.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders one round of decisions of a platform (the decisions of one window) across services.
 *
 * <ol>
 *   <li>Locks older than the lock timeout expire.
 *   <li>A decision for a service whose command is still in flight is suppressed (LOCKED).
 *   <li>Readiness: a compute scale-up to N waits for its dependencies in its region; a database
 *       with fewer than 1.2 × 10 × N connections or a cache with less than 1.3 × N GiB first gets
 *       its own scale-up (DEPENDENCY_HEADROOM), and the compute decision says what it waited for.
 *   <li>Ordering: decisions go out phase by phase of the dependency graph, dependencies first.
 *   <li>Every service with a command out is locked.
 * </ol>
 *
 * Plain Java, time is an input; the Flink operator keyed by platform only keeps its state.
 */
public final class Coordinator {
    private static final PolicyRef COORDINATOR = new PolicyRef("coordinator", 0, "active");

    private final DependencyGraph graph;
    private final Readiness readiness;
    private final Duration lockTimeout;

    public record RoundResult(List<ScalingEvent> ordered, PlatformState next) {}

    public Coordinator(DependencyGraph graph, Readiness readiness, Duration lockTimeout) {
        this.graph = graph;
        this.readiness = readiness;
        this.lockTimeout = lockTimeout;
    }

    public RoundResult coordinate(PlatformState state, List<ScalingEvent> round, Instant now) {
        Map<String, Lock> locks = new HashMap<>();
        state.locks()
                .forEach(
                        (k, l) -> {
                            if (now.isBefore(l.since().plus(lockTimeout))) {
                                locks.put(k, l);
                            }
                        });
        Map<String, Capacity> capacities = new HashMap<>(state.capacities());
        for (ScalingEvent e : round) {
            capacities.put(
                    e.serviceRegionKey(),
                    new Capacity(e.service(), e.region(), e.kind(), e.from(), now));
        }

        List<ScalingEvent> out = new ArrayList<>();
        Map<String, ScalingEvent> scalingNow = new HashMap<>();
        for (ScalingEvent e : round) {
            Lock lock = locks.get(e.serviceRegionKey());
            if (e.issuesCommand() && lock != null) {
                out.add(
                        e.suppressedBy(
                                Reason.LOCKED,
                                "command "
                                        + lock.commandId()
                                        + " to "
                                        + lock.target()
                                        + " in flight since "
                                        + lock.since()));
            } else {
                out.add(e);
                if (e.issuesCommand()) {
                    scalingNow.put(e.serviceRegionKey(), e);
                }
            }
        }

        List<ScalingEvent> ready = new ArrayList<>();
        for (ScalingEvent e : out) {
            if (!e.issuesCommand()
                    || !e.kind().equals(ServiceKind.COMPUTE.wireName())
                    || e.to() <= e.from()) {
                ready.add(e);
                continue;
            }
            ScalingEvent compute = e;
            for (ServiceKind dep : graph.dependenciesOf(ServiceKind.COMPUTE)) {
                int need =
                        dep == ServiceKind.DATABASE
                                ? readiness.databaseConnectionsFor(e.to())
                                : dep == ServiceKind.CACHE ? readiness.cacheNodesFor(e.to()) : 0;
                for (Capacity c : capacities.values()) {
                    if (!c.kind().equals(dep.wireName()) || !c.region().equals(e.region())) {
                        continue;
                    }
                    String key = c.service() + "/" + c.region();
                    ScalingEvent planned = scalingNow.get(key);
                    int available = planned != null ? planned.to() : c.capacity();
                    if (available >= need || locks.containsKey(key)) {
                        continue;
                    }
                    ScalingEvent grow = dependencyScaleUp(c, available, need, e);
                    if (planned != null) {
                        ready.remove(planned);
                    }
                    ready.add(grow);
                    scalingNow.put(key, grow);
                    compute =
                            compute.withDetailSuffix(
                                    "waited for "
                                            + dep.wireName()
                                            + " "
                                            + c.service()
                                            + " "
                                            + available
                                            + "->"
                                            + need);
                }
            }
            ready.add(compute);
        }

        ready.sort(
                Comparator.comparingInt(
                        e -> graph.phaseOf(ServiceKind.fromWireName(e.kind()).orElseThrow())));
        for (ScalingEvent e : ready) {
            if (e.issuesCommand()) {
                locks.put(e.serviceRegionKey(), new Lock(e.commandId(), e.to(), now));
                capacities.put(
                        e.serviceRegionKey(),
                        new Capacity(e.service(), e.region(), e.kind(), e.to(), now));
            }
        }
        return new RoundResult(ready, new PlatformState(capacities, locks));
    }

    /** The actuation result for a command: its service is free again. */
    public static PlatformState release(
            PlatformState state, String serviceRegionKey, String commandId) {
        Lock lock = state.locks().get(serviceRegionKey);
        if (lock == null || !lock.commandId().equals(commandId)) {
            return state;
        }
        Map<String, Lock> locks = new HashMap<>(state.locks());
        locks.remove(serviceRegionKey);
        return new PlatformState(state.capacities(), locks);
    }

    private static ScalingEvent dependencyScaleUp(
            Capacity c, int from, int to, ScalingEvent dependent) {
        ServiceKind kind = ServiceKind.fromWireName(c.kind()).orElseThrow();
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        new Subject(c.service(), c.region(), kind),
                        dependent.decidedAt(),
                        from,
                        to,
                        to,
                        Reason.DEPENDENCY_HEADROOM,
                        "headroom for "
                                + dependent.kind()
                                + " "
                                + dependent.service()
                                + " "
                                + dependent.from()
                                + "->"
                                + dependent.to(),
                        List.of(),
                        from);
        return ScalingEvent.of(d, null, COORDINATOR);
    }
}
