package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The platform-wide view. It takes one round of decisions of a platform (every service's decision
 * for one window) and lets them out as commands may safely go:
 *
 * <ol>
 *   <li><b>Silence.</b> A service with no decision for the silence timeout has stopped sending
 *       metrics: its capacity is held, never scaled down for want of data, and one METRICS_SILENT
 *       event says so.
 *   <li><b>Locks.</b> A service with a command in flight is locked until the actuator reports the
 *       result, its reporting instances reach the target, or the lock expires. A decision for it is
 *       suppressed (LOCKED, or DUPLICATE_IN_FLIGHT for the same target) and remembered; once the
 *       lock is gone, the held-back target goes out (LOCK_RELEASED) if the scaler still wants it.
 *   <li><b>Global limits.</b> A service with a global maximum never exceeds it across regions.
 *       Capacity goes to the regions with demand, largest first, each capped at its own need;
 *       scale-ups beyond what is left are trimmed (GLOBAL_LIMIT); when the placement is off the
 *       optimal one by more than the threshold, capacity moves (REBALANCE decisions, action
 *       rebalance, with the target distribution).
 *   <li><b>Readiness.</b> A compute scale-up needs headroom in the services it depends on in its
 *       region: database connections at least 1.2 × 10 per compute instance, cache memory at least
 *       1.3 × 1 GiB per instance. Lacking it, the dependency's own scale-up goes out first
 *       (DEPENDENCY_HEADROOM) and the compute decision says what it waited for; if the dependency
 *       is locked, the compute scale-up waits (WAITING_FOR_DEPENDENCY). A database or cache never
 *       scales down below what the region's compute instances need (DEPENDENTS_NEED_CAPACITY).
 *   <li><b>Ordering.</b> Decisions go out phase by phase of the dependency graph (dependencies
 *       first; database before cache within a phase), and every service with a command out is
 *       locked.
 * </ol>
 *
 * Plain Java, time is an input; the Flink operator keyed by platform only keeps its state.
 */
public final class Coordinator {
    static final PolicyRef COORDINATOR = new PolicyRef("coordinator", 0, "active");
    private static final List<ServiceKind> KIND_ORDER =
            List.of(
                    ServiceKind.DATABASE,
                    ServiceKind.CACHE,
                    ServiceKind.COMPUTE,
                    ServiceKind.WEBRTC);

    private final CoordinatorConfig config;

    /**
     * @param ordered every event of the round as it goes out, in phase order, plus the silence
     *     events
     * @param next the platform state after the round
     */
    public record RoundResult(List<ScalingEvent> ordered, PlatformState next) {}

    public Coordinator(CoordinatorConfig config) {
        this.config = config;
    }

    public CoordinatorConfig config() {
        return config;
    }

    public RoundResult coordinate(PlatformState state, List<ScalingEvent> round, Instant now) {
        Round r = new Round(state, now);
        r.expireLocks();
        List<ScalingEvent> seen = new ArrayList<>();
        for (ScalingEvent e : round) {
            seen.add(r.see(e));
        }
        List<ScalingEvent> holds = r.silences(round);
        List<ScalingEvent> decided = new ArrayList<>();
        for (ScalingEvent e : seen) {
            decided.add(r.gate(e));
        }
        decided = r.globalLimits(decided);
        decided = r.dependencies(decided);
        decided.sort(
                Comparator.comparingInt((ScalingEvent e) -> config.graph().phaseOf(kindOf(e)))
                        .thenComparingInt(e -> KIND_ORDER.indexOf(kindOf(e))));
        for (ScalingEvent e : decided) {
            if (e.issuesCommand()) {
                r.lock(e);
            }
        }
        List<ScalingEvent> out = new ArrayList<>(decided);
        out.addAll(holds);
        return new RoundResult(out, r.state());
    }

    /**
     * The actuator's result for a command: its lock is released (if it is still the command in
     * flight) and the capacity it reports is the service's capacity. An observed capacity (the
     * actuator's inventory) is taken unless a command for the service is in flight.
     */
    public static PlatformState applied(PlatformState state, ActuationResult result) {
        String key = result.serviceRegionKey();
        Lock lock = state.locks().get(key);
        boolean observed = ActuationResult.OBSERVED.equals(result.status());
        if (!observed && (lock == null || !lock.commandId().equals(result.commandId()))) {
            return state;
        }
        Map<String, Lock> locks = new HashMap<>(state.locks());
        if (!observed) {
            locks.remove(key);
        }
        Map<String, Capacity> capacities = new HashMap<>(state.capacities());
        Capacity c = capacities.get(key);
        if (c != null && (!observed || lock == null)) {
            capacities.put(
                    key,
                    new Capacity(c.service(), c.region(), c.kind(), result.capacity(), c.seenAt()));
        }
        return new PlatformState(
                capacities, locks, state.deferred(), state.silent(), state.pinned());
    }

    /** The working copy of the platform state during one round. */
    private final class Round {
        private final Instant now;
        private final Map<String, Capacity> capacities;
        private final Map<String, Lock> locks;
        private final Map<String, Integer> deferred;
        private final Map<String, Instant> silent;
        private final Map<String, Integer> pinned;

        Round(PlatformState s, Instant now) {
            this.now = now;
            this.capacities = new TreeMap<>(s.capacities());
            this.locks = new HashMap<>(s.locks());
            this.deferred = new HashMap<>(s.deferred());
            this.silent = new HashMap<>(s.silent());
            this.pinned = new HashMap<>(s.pinned());
        }

        PlatformState state() {
            return new PlatformState(capacities, locks, deferred, silent, pinned);
        }

        void expireLocks() {
            locks.values().removeIf(l -> !now.isBefore(l.since().plus(config.lockTimeout())));
            List<String> gone =
                    capacities.entrySet().stream()
                            .filter(
                                    c ->
                                            !now.isBefore(
                                                    c.getValue()
                                                            .seenAt()
                                                            .plus(config.forgetAfter())))
                            .map(Map.Entry::getKey)
                            .toList();
            for (String key : gone) {
                capacities.remove(key);
                locks.remove(key);
                deferred.remove(key);
                silent.remove(key);
                pinned.remove(key);
            }
        }

        /** Records what a service reports; a silent one that speaks again says for how long. */
        ScalingEvent see(ScalingEvent e) {
            String key = e.serviceRegionKey();
            Lock lock = locks.get(key);
            if (lock != null && completes(lock, e)) {
                locks.remove(key);
                lock = null;
            }
            // A scaler whose decision was held back believes in a capacity the platform lacks.
            Capacity known = capacities.get(key);
            int capacity =
                    lock != null
                            ? lock.target()
                            : (deferred.containsKey(key) || pinned.containsKey(key))
                                            && known != null
                                    ? known.capacity()
                                    : e.from();
            capacities.put(key, new Capacity(e.service(), e.region(), e.kind(), capacity, now));
            Instant lastSeen = silent.remove(key);
            return lastSeen == null
                    ? e
                    : e.withDetailSuffix("metrics resumed; silent since " + lastSeen);
        }

        List<ScalingEvent> silences(List<ScalingEvent> round) {
            List<ScalingEvent> out = new ArrayList<>();
            Set<String> inRound = new HashSet<>();
            for (ScalingEvent e : round) {
                inRound.add(e.serviceRegionKey());
            }
            for (Capacity c : capacities.values()) {
                String key = c.service() + "/" + c.region();
                if (inRound.contains(key)
                        || silent.containsKey(key)
                        || now.isBefore(c.seenAt().plus(config.silenceTimeout()))) {
                    continue;
                }
                silent.put(key, c.seenAt());
                ScalingDecision hold =
                        ScalingDecision.noChange(
                                subject(c.service(), c.region(), c.kind()),
                                now,
                                c.capacity(),
                                c.capacity(),
                                Reason.METRICS_SILENT,
                                "no metrics from "
                                        + c.region()
                                        + " since "
                                        + c.seenAt()
                                        + "; holding "
                                        + c.capacity()
                                        + " "
                                        + unit(c.kind())
                                        + ", not scaling down without data",
                                0);
                out.add(ScalingEvent.of(hold, null, COORDINATOR));
            }
            return out;
        }

        ScalingEvent gate(ScalingEvent e) {
            String key = e.serviceRegionKey();
            Lock lock = locks.get(key);
            if (!e.issuesCommand()) {
                Integer held = deferred.get(key);
                if (lock != null || held == null) {
                    return e;
                }
                deferred.remove(key);
                int capacity = capacity(key);
                if (e.to() != held || held == capacity || e.policy().withheldBy() != null) {
                    return e;
                }
                return rescale(
                        e,
                        capacity,
                        held,
                        Reason.LOCK_RELEASED,
                        "held back while a command was in flight; "
                                + e.reason()
                                + " ("
                                + e.detail()
                                + ")");
            }
            if (lock == null) {
                deferred.remove(key);
                pinned.remove(key);
                return e;
            }
            if (lock.target() == e.to()) {
                return e.suppressedBy(
                        Reason.DUPLICATE_IN_FLIGHT,
                        "command " + lock.commandId() + " to " + lock.target() + " is in flight");
            }
            // Less than the headroom the coordinator is adding was decided without knowing of it:
            // not held for later; the scaler decides again once it sees the bigger pool or cache.
            if (lock.headroom() && e.to() < lock.target()) {
                deferred.remove(key);
            } else {
                deferred.put(key, e.to());
            }
            return e.suppressedBy(
                    Reason.LOCKED,
                    "command "
                            + lock.commandId()
                            + " to "
                            + lock.target()
                            + " in flight since "
                            + lock.since());
        }

        List<ScalingEvent> globalLimits(List<ScalingEvent> decided) {
            if (config.globalMax().isEmpty()) {
                return decided;
            }
            List<ScalingEvent> out = new ArrayList<>(decided);
            for (Map.Entry<String, Integer> limit : config.globalMax().entrySet()) {
                limitService(limit.getKey(), limit.getValue(), out);
            }
            return out;
        }

        private void limitService(String service, int max, List<ScalingEvent> decided) {
            Map<String, Integer> byRegion = new TreeMap<>();
            for (int i = 0; i < decided.size(); i++) {
                if (decided.get(i).service().equals(service)) {
                    byRegion.put(decided.get(i).region(), i);
                }
            }
            if (byRegion.isEmpty()) {
                return;
            }
            int fixed = 0;
            int total = 0;
            Map<String, Integer> need = new LinkedHashMap<>();
            Map<String, Integer> planned = new TreeMap<>();
            for (Capacity c : capacities.values()) {
                if (!c.service().equals(service)) {
                    continue;
                }
                String key = c.service() + "/" + c.region();
                Integer i = byRegion.get(c.region());
                ScalingEvent e = i == null ? null : decided.get(i);
                int p = e != null && e.issuesCommand() ? e.to() : c.capacity();
                total += p;
                if (e == null || locks.containsKey(key) || e.policy().withheldBy() != null) {
                    fixed += p;
                } else {
                    need.put(c.region(), Math.max(0, e.recommended()));
                    planned.put(c.region(), p);
                }
            }
            if (need.isEmpty()) {
                return;
            }
            if (total <= max) {
                returnTowardNeed(service, max, total, need, planned, byRegion, decided);
                return;
            }
            // The optimal placement: one unit for every region with demand, then the largest
            // demand first, each capped at its own need.
            List<String> byDemand =
                    need.keySet().stream()
                            .sorted(
                                    Comparator.comparingInt((String reg) -> -need.get(reg))
                                            .thenComparing(reg -> reg))
                            .toList();
            Map<String, Integer> optimal = new TreeMap<>();
            int left = Math.max(0, max - fixed);
            for (String reg : byDemand) {
                int one = need.get(reg) > 0 && left > 0 ? 1 : 0;
                optimal.put(reg, one);
                left -= one;
            }
            for (String reg : byDemand) {
                int more = Math.min(need.get(reg) - optimal.get(reg), left);
                if (more > 0) {
                    optimal.merge(reg, more, Integer::sum);
                    left -= more;
                }
            }
            int off = 0;
            int optimalTotal = 0;
            for (String reg : optimal.keySet()) {
                off += Math.abs(planned.get(reg) - optimal.get(reg));
                optimalTotal += optimal.get(reg);
            }
            boolean rebalance = off > config.rebalanceThreshold() * Math.max(1, optimalTotal);
            String distribution =
                    optimal.entrySet().stream()
                            .map(x -> x.getKey() + "=" + x.getValue())
                            .collect(Collectors.joining(", "));
            if (rebalance) {
                String why =
                        "target distribution "
                                + distribution
                                + " (max "
                                + max
                                + " across regions; placement off by "
                                + off
                                + ")";
                for (String reg : optimal.keySet()) {
                    int i = byRegion.get(reg);
                    ScalingEvent e = decided.get(i);
                    int target = optimal.get(reg);
                    int now = capacity(e.serviceRegionKey());
                    if (e.issuesCommand() && target == e.to()) {
                        continue;
                    }
                    pinned.put(e.serviceRegionKey(), target);
                    if (target == now) {
                        if (e.issuesCommand()) {
                            decided.set(i, e.suppressedBy(Reason.GLOBAL_LIMIT, why));
                        }
                        continue;
                    }
                    decided.set(
                            i,
                            rescale(e, now, target, Reason.REBALANCE, why + "; " + e.detail())
                                    .asRebalance());
                }
                return;
            }
            // Small deviation: leave placement alone and trim the scale-ups to what is left.
            int slack = max - total;
            for (String reg : byDemand) {
                int i = byRegion.get(reg);
                ScalingEvent e = decided.get(i);
                if (!e.issuesCommand() || e.to() <= e.from()) {
                    continue;
                }
                int cut = Math.min(e.to() - e.from(), -slack);
                if (cut <= 0) {
                    continue;
                }
                slack += cut;
                int target = e.to() - cut;
                String why =
                        "total across regions would be "
                                + total
                                + ", max "
                                + max
                                + "; optimal distribution "
                                + distribution;
                pinned.put(e.serviceRegionKey(), target);
                decided.set(
                        i,
                        target == e.from()
                                ? e.suppressedBy(Reason.GLOBAL_LIMIT, why)
                                : rescale(
                                        e,
                                        e.from(),
                                        target,
                                        Reason.GLOBAL_LIMIT,
                                        why + "; wanted " + e.to() + " (" + e.detail() + ")"));
            }
        }

        /**
         * Under the global maximum again: a region the coordinator held below its need (its scaler
         * still believes in its own target) goes back toward its need, as far as the maximum
         * allows.
         */
        private void returnTowardNeed(
                String service,
                int max,
                int total,
                Map<String, Integer> need,
                Map<String, Integer> planned,
                Map<String, Integer> byRegion,
                List<ScalingEvent> decided) {
            int slack = max - total;
            for (String reg : need.keySet()) {
                int i = byRegion.get(reg);
                ScalingEvent e = decided.get(i);
                String key = e.serviceRegionKey();
                if (!pinned.containsKey(key) || e.issuesCommand()) {
                    continue;
                }
                int now = planned.get(reg);
                int grant = Math.min(need.get(reg), now + Math.max(0, slack));
                if (grant >= need.get(reg)) {
                    pinned.remove(key);
                } else {
                    pinned.put(key, grant);
                }
                if (grant > now) {
                    slack -= grant - now;
                    decided.set(
                            i,
                            rescale(
                                            e,
                                            now,
                                            grant,
                                            Reason.REBALANCE,
                                            "back toward its need of "
                                                    + need.get(reg)
                                                    + " under the max of "
                                                    + max
                                                    + " for "
                                                    + service
                                                    + "; "
                                                    + e.detail())
                                    .asRebalance());
                }
            }
        }

        List<ScalingEvent> dependencies(List<ScalingEvent> decided) {
            List<ScalingEvent> out = new ArrayList<>(decided);
            Map<String, Integer> workers = computePlanned(out);
            List<ServiceKind> deps =
                    KIND_ORDER.stream()
                            .filter(config.graph().dependenciesOf(ServiceKind.COMPUTE)::contains)
                            .toList();
            // The dependencies present in each region, and where each service's decision is.
            Map<String, List<Capacity>> depsByRegion = new HashMap<>();
            for (Capacity c : capacities.values()) {
                if (deps.contains(ServiceKind.fromWireName(c.kind()).orElseThrow())) {
                    depsByRegion.computeIfAbsent(c.region(), r -> new ArrayList<>()).add(c);
                }
            }
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < out.size(); i++) {
                position.put(out.get(i).serviceRegionKey(), i);
            }
            int count = out.size();
            for (int i = 0; i < count; i++) {
                ScalingEvent e = out.get(i);
                if (!e.issuesCommand() || kindOf(e) != ServiceKind.COMPUTE || e.to() <= e.from()) {
                    continue;
                }
                int w = workers.getOrDefault(e.region(), e.to());
                ScalingEvent compute = e;
                for (ServiceKind dep : deps) {
                    int need = required(dep, w, true);
                    for (Capacity c : depsByRegion.getOrDefault(e.region(), List.of())) {
                        if (!c.kind().equals(dep.wireName())) {
                            continue;
                        }
                        String key = c.service() + "/" + c.region();
                        int own = position.getOrDefault(key, -1);
                        ScalingEvent planned = own < 0 ? null : out.get(own);
                        int available =
                                planned != null && planned.issuesCommand()
                                        ? planned.to()
                                        : c.capacity();
                        if (available >= need || compute.outcome().equals("SUPPRESSED")) {
                            continue;
                        }
                        Lock lock = locks.get(key);
                        if (lock != null) {
                            deferred.put(e.serviceRegionKey(), e.to());
                            compute =
                                    e.suppressedBy(
                                            Reason.WAITING_FOR_DEPENDENCY,
                                            dep.wireName()
                                                    + " "
                                                    + c.service()
                                                    + " has "
                                                    + available
                                                    + " "
                                                    + unit(c.kind())
                                                    + ", needs "
                                                    + need
                                                    + "; its command "
                                                    + lock.commandId()
                                                    + " is in flight");
                            continue;
                        }
                        ScalingEvent grow = dependencyScaleUp(c, planned, need, e);
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
                out.set(i, compute);
            }
            floors(out, computePlanned(out));
            return out;
        }

        /** A database or cache scale-down stops at what the region's compute instances need. */
        private void floors(List<ScalingEvent> out, Map<String, Integer> workers) {
            for (int i = 0; i < out.size(); i++) {
                ScalingEvent e = out.get(i);
                ServiceKind kind = kindOf(e);
                if (!e.issuesCommand()
                        || e.to() >= e.from()
                        || !(kind == ServiceKind.DATABASE || kind == ServiceKind.CACHE)
                        || !config.graph().dependenciesOf(ServiceKind.COMPUTE).contains(kind)) {
                    continue;
                }
                Integer w = workers.get(e.region());
                if (w == null || w == 0) {
                    continue;
                }
                int floor = required(kind, w, false);
                if (e.to() >= floor) {
                    continue;
                }
                String why =
                        w
                                + " compute instances in "
                                + e.region()
                                + " need "
                                + floor
                                + " "
                                + unit(e.kind());
                out.set(
                        i,
                        floor >= e.from()
                                ? e.suppressedBy(Reason.DEPENDENTS_NEED_CAPACITY, why)
                                : rescale(
                                        e,
                                        e.from(),
                                        floor,
                                        Reason.DEPENDENTS_NEED_CAPACITY,
                                        why + "; wanted " + e.to() + " (" + e.detail() + ")"));
            }
        }

        /** Compute instances per region after this round: commanded targets, else capacities. */
        private Map<String, Integer> computePlanned(List<ScalingEvent> decided) {
            Map<String, Integer> byKey = new HashMap<>();
            for (Capacity c : capacities.values()) {
                if (c.kind().equals(ServiceKind.COMPUTE.wireName())) {
                    byKey.put(c.service() + "/" + c.region(), c.capacity());
                }
            }
            for (ScalingEvent e : decided) {
                if (e.issuesCommand() && kindOf(e) == ServiceKind.COMPUTE) {
                    byKey.put(e.serviceRegionKey(), e.to());
                }
            }
            Map<String, Integer> byRegion = new HashMap<>();
            byKey.forEach(
                    (key, n) ->
                            byRegion.merge(key.substring(key.indexOf('/') + 1), n, Integer::sum));
            return byRegion;
        }

        private int required(ServiceKind dep, int computeInstances, boolean withHeadroom) {
            Readiness r = config.readiness();
            return switch (dep) {
                case DATABASE ->
                        withHeadroom
                                ? r.databaseConnectionsFor(computeInstances)
                                : r.databaseConnectionsInUse(computeInstances);
                case CACHE ->
                        withHeadroom
                                ? r.cacheNodesFor(computeInstances)
                                : r.cacheNodesInUse(computeInstances);
                default -> 0;
            };
        }

        void lock(ScalingEvent e) {
            String key = e.serviceRegionKey();
            locks.put(
                    key,
                    new Lock(
                            e.commandId(),
                            e.to(),
                            e.to() > e.from(),
                            Reason.DEPENDENCY_HEADROOM.name().equals(e.reason()),
                            now));
            capacities.put(key, new Capacity(e.service(), e.region(), e.kind(), e.to(), now));
        }

        private int capacity(String key) {
            Capacity c = capacities.get(key);
            return c == null ? 0 : c.capacity();
        }
    }

    /**
     * Whether the reporting instances show the command took effect. Only where instances are the
     * unit of capacity: a database pool's proxies say nothing about its connections.
     */
    private static boolean completes(Lock lock, ScalingEvent e) {
        if (e.observed() == null || kindOf(e) == ServiceKind.DATABASE) {
            return false;
        }
        int reporting = e.observed().instances();
        return lock.scaleUp() ? reporting >= lock.target() : reporting <= lock.target();
    }

    private static ScalingEvent dependencyScaleUp(
            Capacity c, ScalingEvent own, int to, ScalingEvent dependent) {
        String detail =
                "headroom for "
                        + dependent.kind()
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
                        subject(c.service(), c.region(), c.kind()),
                        dependent.decidedAt(),
                        c.capacity(),
                        to,
                        to,
                        Reason.DEPENDENCY_HEADROOM,
                        detail,
                        List.of(),
                        own != null && own.observed() != null ? own.observed().instances() : 0);
        return ScalingEvent.of(d, own != null ? own.observed() : null, COORDINATOR);
    }

    /** {@code e} re-decided by the coordinator: {@code from -> to}, with its own reason. */
    private static ScalingEvent rescale(
            ScalingEvent e, int from, int to, Reason reason, String detail) {
        if (from == to) {
            return e.suppressedBy(reason, detail);
        }
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        subject(e.service(), e.region(), e.kind()),
                        e.decidedAt(),
                        from,
                        to,
                        e.recommended(),
                        reason,
                        detail,
                        List.of(),
                        e.observed() != null ? e.observed().instances() : from);
        return ScalingEvent.of(d, e.observed(), e.policy());
    }

    private static Subject subject(String service, String region, String kind) {
        return new Subject(service, region, ServiceKind.fromWireName(kind).orElseThrow());
    }

    static ServiceKind kindOf(ScalingEvent e) {
        return ServiceKind.fromWireName(e.kind()).orElseThrow();
    }

    static String unit(String kind) {
        return switch (ServiceKind.fromWireName(kind).orElseThrow()) {
            case COMPUTE -> "instances";
            case WEBRTC -> "relays";
            case DATABASE -> "connections";
            case CACHE -> "nodes";
        };
    }
}
