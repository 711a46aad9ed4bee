package io.waddle.autoscaler.core.coordination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keys by the millisecond they were seen, in a {@link PlatformStore}: a list of buckets in time
 * order, linked bucket to bucket, so that adding the latest round's bucket and taking the oldest
 * cost the same whatever the number of buckets. Only a round older than the latest one (a late
 * round) walks the list to find its place.
 */
final class Buckets {
    static final long NONE = Long.MIN_VALUE;

    private final PlatformStore.Table<Long, String[]> keys;
    private final PlatformStore.Table<Long, Long> next;
    private long first;
    private long last;

    Buckets(
            PlatformStore.Table<Long, String[]> keys,
            PlatformStore.Table<Long, Long> next,
            long first,
            long last) {
        this.keys = keys;
        this.next = next;
        this.first = first;
        this.last = last;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    /** Adds {@code added} to the bucket of {@code t}, creating it in its place. */
    void add(long t, List<String> added) {
        if (first == NONE) {
            first = t;
            last = t;
        } else if (t > last) {
            next.put(last, t);
            last = t;
        } else if (t < first) {
            next.put(t, first);
            first = t;
        } else if (t != first && t != last) {
            long prev = first;
            long after = next.get(prev);
            while (after < t) {
                prev = after;
                after = next.get(prev);
            }
            if (after != t) {
                next.put(prev, t);
                next.put(t, after);
            }
        }
        String[] old = keys.get(t);
        List<String> all = new ArrayList<>(added.size() + (old == null ? 0 : old.length));
        if (old != null) {
            Collections.addAll(all, old);
        }
        all.addAll(added);
        keys.put(t, all.toArray(new String[0]));
    }

    /** Whether the oldest bucket is at or before {@code t}. */
    boolean firstDueBy(long t) {
        return first != NONE && first <= t;
    }

    /** Removes the oldest bucket and returns its keys. */
    String[] takeFirst() {
        long t = first;
        String[] out = keys.get(t);
        keys.remove(t);
        if (t == last) {
            first = NONE;
            last = NONE;
        } else {
            first = next.get(t);
            next.remove(t);
        }
        return out == null ? new String[0] : out;
    }
}
