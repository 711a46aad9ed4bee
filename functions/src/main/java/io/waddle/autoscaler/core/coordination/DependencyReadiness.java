package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compute scale-up to N needs headroom in the services it depends on in its region:
 *
 * <pre>
 *   database connections >= database headroom x connections per instance x N   (1.2 x 10 x N)
 *   cache memory         >= cache headroom x cache per instance x N             (1.3 x 1 GiB x N)
 * </pre>
 *
 * Lacking it, the dependency's own scale-up goes out first (DEPENDENCY_HEADROOM) and the compute
 * decision says what it waited for; if the dependency is locked, the compute scale-up waits
 * (WAITING_FOR_DEPENDENCY) and goes out once the lock is released. A database or cache never scales
 * down below what the region's compute instances use (DEPENDENTS_NEED_CAPACITY).
 */
final class DependencyReadiness {
    private final Readiness readiness;
    private final List<ServiceKind> deps;

    DependencyReadiness(Readiness readiness, DependencyGraph graph) {
        this.readiness = readiness;
        Set<ServiceKind> ofCompute = graph.dependenciesOf(ServiceKind.COMPUTE);
        this.deps = PhaseOrder.WITHIN_PHASE.stream().filter(ofCompute::contains).toList();
    }

    List<Decision> apply(Round r, List<Decision> decided) {
        List<Decision> out = new ArrayList<>(decided);
        Round.ComputeTotals workers = r.computeByRegion(out);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            position.put(out.get(i).serviceRegionKey(), i);
        }
        int count = out.size();
        for (int i = 0; i < count; i++) {
            Decision d = out.get(i);
            if (d.issuesCommand() && d.kind() == ServiceKind.COMPUTE && d.to() > d.from()) {
                int w = workers.in(d.region());
                out.set(i, makeReady(r, d, w, position, out));
            }
        }
        floors(out, r.computeByRegion(out));
        return out;
    }

    /** The compute scale-up {@code d} once its dependencies have headroom for {@code w}. */
    private Decision makeReady(
            Round r, Decision d, int w, Map<String, Integer> position, List<Decision> out) {
        Decision compute = d;
        for (ServiceKind dep : deps) {
            int need = required(dep, w, true);
            for (String key : r.dependenciesIn(d.region())) {
                Capacity c = r.capacityOf(key);
                if (c.kind() != dep) {
                    continue;
                }
                int own = position.getOrDefault(key, -1);
                Decision planned = own < 0 ? null : out.get(own);
                int available =
                        planned != null && planned.issuesCommand() ? planned.to() : c.capacity();
                if (available >= need || !compute.issuesCommand()) {
                    continue;
                }
                Lock lock = r.lock(key);
                if (lock != null) {
                    r.defer(d.serviceRegionKey(), d.to());
                    compute =
                            d.suppressedBy(
                                    Reason.WAITING_FOR_DEPENDENCY,
                                    dep.wireName()
                                            + " "
                                            + c.service()
                                            + " has "
                                            + available
                                            + " "
                                            + dep.unit()
                                            + ", needs "
                                            + need
                                            + "; its command "
                                            + lock.commandId()
                                            + " is in flight");
                    continue;
                }
                if (need == c.capacity()) {
                    // Its own scale-down would take what the scale-up needs: it stays as it is.
                    out.set(
                            own,
                            planned.suppressedBy(
                                    Reason.DEPENDENTS_NEED_CAPACITY,
                                    w
                                            + " compute instances in "
                                            + d.region()
                                            + " need "
                                            + need
                                            + " "
                                            + dep.unit()
                                            + "; wanted "
                                            + planned.to()
                                            + " ("
                                            + planned.detail()
                                            + ")"));
                    continue;
                }
                Decision grow = headroom(c, planned, need, d);
                if (own >= 0) {
                    out.set(own, grow);
                } else {
                    position.put(key, out.size());
                    out.add(grow);
                }
                compute =
                        compute.withDetailSuffix(
                                "waited for "
                                        + dep.wireName()
                                        + " "
                                        + c.service()
                                        + " "
                                        + c.capacity()
                                        + "->"
                                        + need);
            }
        }
        return compute;
    }

    /** A database or cache scale-down stops at what the region's compute instances need. */
    private void floors(List<Decision> out, Round.ComputeTotals workers) {
        for (int i = 0; i < out.size(); i++) {
            Decision d = out.get(i);
            if (!d.issuesCommand() || d.to() >= d.from() || !deps.contains(d.kind())) {
                continue;
            }
            int w = workers.in(d.region());
            if (w == 0) {
                continue;
            }
            int floor = required(d.kind(), w, false);
            if (d.to() >= floor) {
                continue;
            }
            String why =
                    w
                            + " compute instances in "
                            + d.region()
                            + " need "
                            + floor
                            + " "
                            + d.kind().unit();
            out.set(
                    i,
                    floor >= d.from()
                            ? d.suppressedBy(Reason.DEPENDENTS_NEED_CAPACITY, why)
                            : d.rescaled(
                                    d.from(),
                                    floor,
                                    Reason.DEPENDENTS_NEED_CAPACITY,
                                    why + "; wanted " + d.to() + " (" + d.detail() + ")"));
        }
    }

    private int required(ServiceKind dep, int computeInstances, boolean withHeadroom) {
        return switch (dep) {
            case DATABASE ->
                    withHeadroom
                            ? readiness.databaseConnectionsFor(computeInstances)
                            : readiness.databaseConnectionsInUse(computeInstances);
            case CACHE ->
                    withHeadroom
                            ? readiness.cacheNodesFor(computeInstances)
                            : readiness.cacheNodesInUse(computeInstances);
            default -> 0;
        };
    }

    /**
     * The coordinator's own scale-up of dependency {@code c} to {@code to}, for {@code dependent}.
     */
    private static Decision headroom(Capacity c, Decision own, int to, Decision dependent) {
        String detail =
                "headroom for "
                        + dependent.kind().wireName()
                        + " "
                        + dependent.service()
                        + " "
                        + dependent.from()
                        + "->"
                        + dependent.to();
        if (own != null && own.issuesCommand()) {
            detail += "; its own decision wanted " + own.to() + " (" + own.reason() + ")";
        }
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        c.subject(),
                        dependent.decidedAt(),
                        c.capacity(),
                        to,
                        to,
                        Reason.DEPENDENCY_HEADROOM,
                        detail,
                        List.of(),
                        own != null ? own.observedInstances() : 0);
        return new Decision(d, PolicyRef.COORDINATOR, own != null ? own.observed() : null);
    }
}
