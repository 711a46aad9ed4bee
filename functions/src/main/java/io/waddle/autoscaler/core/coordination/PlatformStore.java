package io.waddle.autoscaler.core.coordination;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where the coordinator keeps one platform: a table of {@link ServiceEntry} by service/region key,
 * and the indexes that let a round read only what its decisions touch, never the whole platform.
 * The coordinator maintains the indexes; a store only keeps them: in memory ({@link
 * HeapPlatformStore}) or in Flink keyed map state.
 *
 * <ul>
 *   <li>{@link #services()}: every service's entry;
 *   <li>{@link #computeByRegion()}: the compute instances of each region, summed;
 *   <li>{@link #regionsOfService()}: the regions a service has capacity in, sorted (global limits);
 *   <li>{@link #dependenciesInRegion()}: the database and cache keys of a region, sorted
 *       (readiness);
 *   <li>{@link #seen()}: by the millisecond a service was last seen, the keys seen then: the
 *       services that may go silent once the silence timeout has passed; {@link #seenNext()} links
 *       each bucket to the next one in time;
 *   <li>{@link #silent()} and {@link #silentNext()}: the same for services reported silent,
 *       forgotten after the retention.
 * </ul>
 */
public interface PlatformStore {

    /** One keyed table; a missing key reads as null. */
    interface Table<K, V> {
        V get(K key);

        void put(K key, V value);

        void remove(K key);
    }

    Table<String, ServiceEntry> services();

    Table<String, Integer> computeByRegion();

    Table<String, String[]> regionsOfService();

    Table<String, String[]> dependenciesInRegion();

    Table<Long, String[]> seen();

    Table<Long, Long> seenNext();

    Table<Long, String[]> silent();

    Table<Long, Long> silentNext();

    /** Writes {@code state} into {@code store}, with its indexes: a platform kept as one value. */
    static void load(PlatformStore store, PlatformState state) {
        Round.load(store, state);
    }

    /** Null before the first round. */
    Progress progress();

    void progress(Progress p);

    /**
     * @param lastRound the latest round's time (null before the first): locks expire by it between
     *     rounds
     * @param seenFirst the oldest bucket of {@link #seen()} ({@code Long.MIN_VALUE} for none)
     * @param seenLast its latest bucket
     * @param silentFirst the oldest bucket of {@link #silent()}
     * @param silentLast its latest bucket
     */
    record Progress(
            Instant lastRound, long seenFirst, long seenLast, long silentFirst, long silentLast)
            implements Serializable {
        static final Progress NONE =
                new Progress(null, Buckets.NONE, Buckets.NONE, Buckets.NONE, Buckets.NONE);
    }
}
