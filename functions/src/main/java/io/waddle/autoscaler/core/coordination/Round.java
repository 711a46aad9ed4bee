package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import io.waddle.autoscaler.core.coordination.PlatformStore.Progress;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One round's working view of a {@link PlatformStore}: what each stage of the coordinator reads and
 * changes. It reads an entry the first time a stage asks for it and writes back, at {@link
 * #flush()}, only what changed, with the indexes it changed; a round costs what its decisions
 * touch, not the size of the platform.
 *
 * <p>Locks expire lazily: a lock is gone once the round's time (or the latest round's, if later)
 * reaches its start plus the lock timeout, whether or not its entry was rewritten.
 */
final class Round {
    final Instant now;
    private final PlatformStore store;
    private final Duration lockTimeout;
    private final Instant expiryClock;
    private final Progress before;

    private final Map<String, ServiceEntry> loaded = new HashMap<>();
    private final Map<String, ServiceEntry> current = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Integer> computeStored = new HashMap<>();
    private final Map<String, Integer> computeDelta = new HashMap<>();
    private final Map<String, TreeSet<String>> regions = new HashMap<>();
    private final Set<String> regionsChanged = new LinkedHashSet<>();
    private final Map<String, TreeSet<String>> dependencies = new HashMap<>();
    private final Set<String> dependenciesChanged = new LinkedHashSet<>();
    private final Buckets seen;
    private final Buckets silent;
    private final Map<Long, List<String>> silentAdds = new TreeMap<>();

    Round(PlatformStore store, Instant now, Duration lockTimeout) {
        this.store = store;
        this.now = now;
        this.lockTimeout = lockTimeout;
        Progress p = store.progress();
        this.before = p == null ? Progress.NONE : p;
        Instant last = before.lastRound();
        this.expiryClock = last == null || (now != null && now.isAfter(last)) ? now : last;
        this.seen =
                new Buckets(store.seen(), store.seenNext(), before.seenFirst(), before.seenLast());
        this.silent =
                new Buckets(
                        store.silent(),
                        store.silentNext(),
                        before.silentFirst(),
                        before.silentLast());
    }

    /** Writes {@code state} into {@code store}, indexes and all. Nothing expires while loading. */
    static void load(PlatformStore store, PlatformState state) {
        Round r = new Round(store, null, null);
        Set<String> keys = new TreeSet<>(state.capacities().keySet());
        keys.addAll(state.locks().keySet());
        keys.addAll(state.deferred().keySet());
        keys.addAll(state.silent().keySet());
        keys.addAll(state.pinned().keySet());
        for (String key : keys) {
            r.set(
                    key,
                    new ServiceEntry(
                            state.capacities().get(key),
                            state.locks().get(key),
                            state.deferred().get(key),
                            state.silent().get(key),
                            state.pinned().get(key)));
        }
        r.flush();
    }

    // ---- one service ----

    ServiceEntry entry(String key) {
        if (!current.containsKey(key)) {
            ServiceEntry e = store.services().get(key);
            if (e != null
                    && e.lock() != null
                    && Locks.expired(e.lock(), expiryClock, lockTimeout)) {
                e = e.withLock(null);
            }
            if (e != null && e.isEmpty()) {
                e = null;
            }
            loaded.put(key, e);
            current.put(key, e);
        }
        ServiceEntry e = current.get(key);
        return e == null ? ServiceEntry.EMPTY : e;
    }

    private void set(String key, ServiceEntry next) {
        ServiceEntry old = entry(key);
        current.put(key, next.isEmpty() ? null : next);
        dirty.add(key);
        index(key, old.capacity(), next.capacity());
    }

    Capacity capacityOf(String key) {
        return entry(key).capacity();
    }

    /** The capacity the platform has for a service: its known capacity, 0 if unknown. */
    int capacity(String key) {
        Capacity c = capacityOf(key);
        return c == null ? 0 : c.capacity();
    }

    /** Records {@code capacity} as what the service has, seen now. */
    void record(Decision d, int capacity) {
        String key = d.serviceRegionKey();
        set(
                key,
                entry(key)
                        .withCapacity(
                                new Capacity(d.service(), d.region(), d.kind(), capacity, now)));
    }

    /** Sets a service's capacity, keeping when it was seen. */
    void setCapacity(String key, int capacity) {
        ServiceEntry e = entry(key);
        set(key, e.withCapacity(e.capacity().withCapacity(capacity)));
    }

    Lock lock(String key) {
        return entry(key).lock();
    }

    void lock(String key, Lock lock) {
        set(key, entry(key).withLock(lock));
    }

    Integer deferred(String key) {
        return entry(key).deferred();
    }

    void defer(String key, Integer target) {
        set(key, entry(key).withDeferred(target));
    }

    Instant silentSince(String key) {
        return entry(key).silentSince();
    }

    void silence(String key, Instant lastSeen) {
        set(key, entry(key).withSilentSince(lastSeen));
    }

    Integer pinned(String key) {
        return entry(key).pinned();
    }

    void pin(String key, Integer target) {
        set(key, entry(key).withPinned(target));
    }

    /** Forgets everything about a service. */
    void forget(String key) {
        set(key, ServiceEntry.EMPTY);
    }

    // ---- across services, through the indexes ----

    /** The regions {@code service} has capacity in, sorted. */
    SortedSet<String> regionsOf(String service) {
        return Collections.unmodifiableSortedSet(regionSet(service));
    }

    /** The keys of the databases and caches in {@code region}, sorted. */
    SortedSet<String> dependenciesIn(String region) {
        return Collections.unmodifiableSortedSet(dependencySet(region));
    }

    /** The compute instances of a region: its known compute capacities, summed. */
    int computeIn(String region) {
        return storedCompute(region) + computeDelta.getOrDefault(region, 0);
    }

    /**
     * Compute instances per region after this round: the commanded targets in {@code decided}, else
     * the known capacities; 0 for a region without compute.
     */
    ComputeTotals computeByRegion(List<Decision> decided) {
        Map<String, Integer> target = new HashMap<>();
        for (Decision d : decided) {
            if (d.issuesCommand() && d.kind() == ServiceKind.COMPUTE) {
                target.put(d.serviceRegionKey(), d.to());
            }
        }
        Map<String, Integer> change = new HashMap<>();
        target.forEach(
                (key, n) -> {
                    Capacity c = capacityOf(key);
                    int known = c != null && c.kind() == ServiceKind.COMPUTE ? c.capacity() : 0;
                    change.merge(key.substring(key.indexOf('/') + 1), n - known, Integer::sum);
                });
        return region -> computeIn(region) + change.getOrDefault(region, 0);
    }

    /** Compute instances by region. */
    @FunctionalInterface
    interface ComputeTotals {
        int in(String region);
    }

    /**
     * Services whose capacity was last seen {@code timeout} ago or more and that are not yet
     * checked for silence, by key; each is checked once (whatever the check finds, it is then kept
     * for {@link #forgetGone}).
     */
    List<String> silenceCandidates(Duration timeout) {
        long due = dueBy(timeout);
        List<String> out = new ArrayList<>();
        while (seen.firstDueBy(due)) {
            long t = seen.first();
            for (String key : seen.takeFirst()) {
                if (seenAt(key, t)) {
                    out.add(key);
                    silentAdds.computeIfAbsent(t, x -> new ArrayList<>()).add(key);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Forgets the services last seen {@code retention} ago or more. */
    void forgetGone(Duration retention) {
        long due = dueBy(retention);
        for (Buckets buckets : List.of(seen, silent)) {
            while (buckets.firstDueBy(due)) {
                long t = buckets.first();
                for (String key : buckets.takeFirst()) {
                    if (seenAt(key, t) && !now.isBefore(capacityOf(key).seenAt().plus(retention))) {
                        forget(key);
                    }
                }
            }
        }
    }

    private boolean seenAt(String key, long millis) {
        Capacity c = capacityOf(key);
        return c != null && c.seenAt().toEpochMilli() == millis;
    }

    /** The latest bucket due after {@code age}: now minus it, saturating. */
    private long dueBy(Duration age) {
        long nowMillis = now.toEpochMilli();
        long ageMillis;
        try {
            ageMillis = age.toMillis();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
        long due = nowMillis - ageMillis;
        return ((nowMillis ^ ageMillis) & (nowMillis ^ due)) < 0 ? Long.MIN_VALUE : due;
    }

    // ---- writing back ----

    private void index(String key, Capacity was, Capacity is) {
        if (was != null && was.kind() == ServiceKind.COMPUTE) {
            computeDelta.merge(was.region(), -was.capacity(), Integer::sum);
        }
        if (is != null && is.kind() == ServiceKind.COMPUTE) {
            computeDelta.merge(is.region(), is.capacity(), Integer::sum);
        }
        if (was == null && is != null) {
            regionSet(is.service()).add(is.region());
            regionsChanged.add(is.service());
        } else if (was != null && is == null) {
            regionSet(was.service()).remove(was.region());
            regionsChanged.add(was.service());
        }
        boolean wasDependency = was != null && isDependency(was.kind());
        boolean isDependency = is != null && isDependency(is.kind());
        if (wasDependency && !isDependency) {
            dependencySet(was.region()).remove(key);
            dependenciesChanged.add(was.region());
        } else if (isDependency && !wasDependency) {
            dependencySet(is.region()).add(key);
            dependenciesChanged.add(is.region());
        }
    }

    private static boolean isDependency(ServiceKind kind) {
        return kind == ServiceKind.DATABASE || kind == ServiceKind.CACHE;
    }

    private TreeSet<String> regionSet(String service) {
        return regions.computeIfAbsent(service, s -> sorted(store.regionsOfService().get(s)));
    }

    private TreeSet<String> dependencySet(String region) {
        return dependencies.computeIfAbsent(
                region, reg -> sorted(store.dependenciesInRegion().get(reg)));
    }

    private static TreeSet<String> sorted(String[] values) {
        TreeSet<String> out = new TreeSet<>();
        if (values != null) {
            Collections.addAll(out, values);
        }
        return out;
    }

    private int storedCompute(String region) {
        return computeStored.computeIfAbsent(
                region,
                reg -> {
                    Integer n = store.computeByRegion().get(reg);
                    return n == null ? 0 : n;
                });
    }

    /** Writes what the round changed back to the store. */
    void flush() {
        Map<Long, List<String>> seenAdds = new TreeMap<>();
        for (String key : dirty) {
            ServiceEntry e = current.get(key);
            if (e == null) {
                store.services().remove(key);
                continue;
            }
            store.services().put(key, e);
            Capacity was = loaded.get(key) == null ? null : loaded.get(key).capacity();
            Capacity is = e.capacity();
            if (is != null && (was == null || !was.seenAt().equals(is.seenAt()))) {
                seenAdds.computeIfAbsent(is.seenAt().toEpochMilli(), t -> new ArrayList<>())
                        .add(key);
            }
        }
        computeDelta.forEach(
                (region, delta) -> {
                    if (delta == 0) {
                        return;
                    }
                    int n = storedCompute(region) + delta;
                    if (n == 0) {
                        store.computeByRegion().remove(region);
                    } else {
                        store.computeByRegion().put(region, n);
                    }
                });
        for (String service : regionsChanged) {
            write(store.regionsOfService(), service, regions.get(service));
        }
        for (String region : dependenciesChanged) {
            write(store.dependenciesInRegion(), region, dependencies.get(region));
        }
        seenAdds.forEach(seen::add);
        silentAdds.forEach(silent::add);
        Instant last = before.lastRound();
        store.progress(
                new Progress(
                        now == null || (last != null && last.isAfter(now)) ? last : now,
                        seen.first(),
                        seen.last(),
                        silent.first(),
                        silent.last()));
    }

    private static void write(
            PlatformStore.Table<String, String[]> table, String k, Set<String> v) {
        if (v.isEmpty()) {
            table.remove(k);
        } else {
            table.put(k, v.toArray(new String[0]));
        }
    }
}
