package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.coordination.PlatformState.Lock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A platform kept in memory: the direct engine's, the benchmarks' and the tests'. */
public final class HeapPlatformStore implements PlatformStore {
    private final HashTable<String, ServiceEntry> services = new HashTable<>();
    private final HashTable<String, Integer> computeByRegion = new HashTable<>();
    private final HashTable<String, String[]> regionsOfService = new HashTable<>();
    private final HashTable<String, String[]> dependenciesInRegion = new HashTable<>();
    private final HashTable<Long, String[]> seen = new HashTable<>();
    private final HashTable<Long, Long> seenNext = new HashTable<>();
    private final HashTable<Long, String[]> silent = new HashTable<>();
    private final HashTable<Long, Long> silentNext = new HashTable<>();
    private Progress progress;

    private static final class HashTable<K, V> implements Table<K, V> {
        final Map<K, V> map = new HashMap<>();

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }
    }

    /** A store holding {@code state}, its indexes built. */
    public static HeapPlatformStore of(PlatformState state) {
        HeapPlatformStore store = new HeapPlatformStore();
        PlatformStore.load(store, state);
        return store;
    }

    /**
     * The platform as one immutable value: every entry, without the locks that had expired by the
     * latest round.
     */
    public PlatformState toState(Duration lockTimeout) {
        Map<String, Capacity> capacities = new HashMap<>();
        Map<String, Lock> locks = new HashMap<>();
        Map<String, Integer> deferred = new HashMap<>();
        Map<String, Instant> silentSince = new HashMap<>();
        Map<String, Integer> pinned = new HashMap<>();
        Instant clock = progress == null ? null : progress.lastRound();
        services.map.forEach(
                (key, e) -> {
                    if (e.capacity() != null) {
                        capacities.put(key, e.capacity());
                    }
                    if (e.lock() != null && !Locks.expired(e.lock(), clock, lockTimeout)) {
                        locks.put(key, e.lock());
                    }
                    if (e.deferred() != null) {
                        deferred.put(key, e.deferred());
                    }
                    if (e.silentSince() != null) {
                        silentSince.put(key, e.silentSince());
                    }
                    if (e.pinned() != null) {
                        pinned.put(key, e.pinned());
                    }
                });
        return new PlatformState(capacities, locks, deferred, silentSince, pinned);
    }

    /** How many services the store holds an entry for. */
    public int size() {
        return services.map.size();
    }

    /** Every entry of every table: services and index entries alike. */
    int entries() {
        return services.map.size()
                + computeByRegion.map.size()
                + regionsOfService.map.size()
                + dependenciesInRegion.map.size()
                + seen.map.size()
                + seenNext.map.size()
                + silent.map.size()
                + silentNext.map.size();
    }

    @Override
    public Table<String, ServiceEntry> services() {
        return services;
    }

    @Override
    public Table<String, Integer> computeByRegion() {
        return computeByRegion;
    }

    @Override
    public Table<String, String[]> regionsOfService() {
        return regionsOfService;
    }

    @Override
    public Table<String, String[]> dependenciesInRegion() {
        return dependenciesInRegion;
    }

    @Override
    public Table<Long, String[]> seen() {
        return seen;
    }

    @Override
    public Table<Long, Long> seenNext() {
        return seenNext;
    }

    @Override
    public Table<Long, String[]> silent() {
        return silent;
    }

    @Override
    public Table<Long, Long> silentNext() {
        return silentNext;
    }

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public void progress(Progress p) {
        this.progress = p;
    }
}
