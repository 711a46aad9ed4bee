package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.coordination.PlatformStore;
import io.waddle.autoscaler.core.coordination.ServiceEntry;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The coordinator's {@link PlatformStore} in keyed state of the platform's key: one map-state entry
 * per service, so that a round reads and writes the services it touches, not one value holding the
 * whole platform.
 */
final class KeyedPlatformStore implements PlatformStore {
    private final StateTable<String, ServiceEntry> services;
    private final StateTable<String, Integer> computeByRegion;
    private final StateTable<String, String[]> regionsOfService;
    private final StateTable<String, String[]> dependenciesInRegion;
    private final StateTable<Long, String[]> seen;
    private final StateTable<Long, Long> seenNext;
    private final StateTable<Long, String[]> silent;
    private final StateTable<Long, Long> silentNext;
    private final ValueState<Progress> progress;

    KeyedPlatformStore(RuntimeContext ctx) {
        TypeInformation<String[]> keys = Types.OBJECT_ARRAY(Types.STRING);
        services =
                table(
                        ctx,
                        "platform-services",
                        Types.STRING,
                        TypeInformation.of(ServiceEntry.class));
        computeByRegion = table(ctx, "platform-compute-by-region", Types.STRING, Types.INT);
        regionsOfService = table(ctx, "platform-regions-of-service", Types.STRING, keys);
        dependenciesInRegion = table(ctx, "platform-dependencies-in-region", Types.STRING, keys);
        seen = table(ctx, "platform-seen", Types.LONG, keys);
        seenNext = table(ctx, "platform-seen-next", Types.LONG, Types.LONG);
        silent = table(ctx, "platform-silent", Types.LONG, keys);
        silentNext = table(ctx, "platform-silent-next", Types.LONG, Types.LONG);
        progress =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "platform-progress", TypeInformation.of(Progress.class)));
    }

    private static <K, V> StateTable<K, V> table(
            RuntimeContext ctx, String name, TypeInformation<K> k, TypeInformation<V> v) {
        return new StateTable<>(ctx.getMapState(new MapStateDescriptor<>(name, k, v)));
    }

    /** A map state as a table; state access failures are the backend's and fail the task. */
    private record StateTable<K, V>(MapState<K, V> state) implements Table<K, V> {
        @Override
        public V get(K key) {
            try {
                return state.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("coordinator state unreadable", e);
            }
        }

        @Override
        public void put(K key, V value) {
            try {
                state.put(key, value);
            } catch (Exception e) {
                throw new IllegalStateException("coordinator state unwritable", e);
            }
        }

        @Override
        public void remove(K key) {
            try {
                state.remove(key);
            } catch (Exception e) {
                throw new IllegalStateException("coordinator state unwritable", e);
            }
        }
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
        try {
            return progress.value();
        } catch (Exception e) {
            throw new IllegalStateException("coordinator state unreadable", e);
        }
    }

    @Override
    public void progress(Progress p) {
        try {
            progress.update(p);
        } catch (Exception e) {
            throw new IllegalStateException("coordinator state unwritable", e);
        }
    }
}
