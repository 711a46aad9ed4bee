package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.START;
import static io.waddle.autoscaler.core.coordination.CoordinationFixture.withGlobalMax;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Decisions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The coordinator on a {@link PlatformStore} it keeps across rounds, with indexes it maintains,
 * decides exactly as on the whole platform read afresh every round, and a round reads only what its
 * decisions touch.
 */
class PlatformStoreTest {
    private static final String[] REGIONS = {"ap-south", "eu-west", "us-east"};
    private static final Map<String, ServiceKind> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("chat-api", ServiceKind.COMPUTE);
        SERVICES.put("media-worker", ServiceKind.COMPUTE);
        SERVICES.put("chat-db", ServiceKind.DATABASE);
        SERVICES.put("sessions", ServiceKind.CACHE);
        SERVICES.put("media-relay", ServiceKind.WEBRTC);
    }

    private final Coordinator coordinator = withGlobalMax("media-relay", 10);
    private final Duration lockTimeout = coordinator.config().lockTimeout();

    @Test
    void aKeptStoreDecidesAsTheWholePlatformReadAfreshEveryRound() {
        Set<Reason> seen = EnumSet.noneOf(Reason.class);
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            HeapPlatformStore kept = new HeapPlatformStore();
            PlatformState value = PlatformState.empty();
            Map<String, Integer> believed = new HashMap<>();
            Map<String, Boolean> speaking = new HashMap<>();
            Map<String, Decision> last = new HashMap<>();
            Instant now = START;
            for (int round = 0; round < 250; round++) {
                now = now.plusSeconds(step(rnd));
                List<Decision> decisions = round(rnd, now, believed, speaking, last);
                List<Decision> fromStore = coordinator.coordinate(kept, decisions, now);
                Coordinator.RoundResult fromValue = coordinator.coordinate(value, decisions, now);
                value = fromValue.next();

                assertThat(fromStore)
                        .as("seed %d round %d", seed, round)
                        .isEqualTo(fromValue.ordered());
                assertThat(kept.toState(lockTimeout))
                        .as("seed %d round %d", seed, round)
                        .isEqualTo(value);

                for (Decision d : decisions) {
                    // A scaler believes in its own target, whatever the coordinator made of it.
                    believed.put(d.serviceRegionKey(), d.to());
                }
                for (Decision d : fromStore) {
                    seen.add(d.reason());
                    if (d.issuesCommand()) {
                        if (rnd.nextInt(3) == 0) {
                            ActuationResult r = ActuationResult.applied(ScalingCommand.of(d), now);
                            coordinator.applied(kept, r);
                            value = Coordinator.applied(value, r);
                        }
                    }
                }
                if (rnd.nextInt(10) == 0) {
                    String service = pick(rnd, SERVICES.keySet().toArray(new String[0]));
                    ActuationResult inventory =
                            ActuationResult.observed(
                                    service,
                                    pick(rnd, REGIONS),
                                    SERVICES.get(service),
                                    1 + rnd.nextInt(12),
                                    now);
                    coordinator.applied(kept, inventory);
                    value = Coordinator.applied(value, inventory);
                }
                assertThat(kept.toState(lockTimeout))
                        .as("seed %d after results", seed)
                        .isEqualTo(value);
            }
        }
        // The random platform went through every stage of the coordinator.
        assertThat(seen)
                .contains(
                        Reason.METRICS_SILENT,
                        Reason.LOCKED,
                        Reason.DUPLICATE_IN_FLIGHT,
                        Reason.LOCK_RELEASED,
                        Reason.DEPENDENCY_HEADROOM,
                        Reason.WAITING_FOR_DEPENDENCY,
                        Reason.DEPENDENTS_NEED_CAPACITY,
                        Reason.GLOBAL_LIMIT,
                        Reason.REBALANCE);
    }

    /** Mostly one slide; now and then a gap long enough for silence, lock expiry or forgetting. */
    private static long step(Random rnd) {
        int dice = rnd.nextInt(100);
        if (dice < 3) {
            return 70 * 60; // past the retention: the silent are forgotten
        }
        if (dice < 8) {
            return 11 * 60; // past the lock timeout
        }
        if (dice < 15) {
            return 75; // past the silence timeout
        }
        return 15;
    }

    /** Each service in each region decides, unless it has stopped speaking for a while. */
    private static List<Decision> round(
            Random rnd,
            Instant now,
            Map<String, Integer> believed,
            Map<String, Boolean> speaking,
            Map<String, Decision> last) {
        List<Decision> out = new ArrayList<>();
        for (Map.Entry<String, ServiceKind> s : SERVICES.entrySet()) {
            for (String region : REGIONS) {
                String key = s.getKey() + "/" + region;
                if (rnd.nextInt(20) == 0) {
                    speaking.put(key, !speaking.getOrDefault(key, true));
                }
                if (!speaking.getOrDefault(key, true) || rnd.nextInt(10) == 0) {
                    continue;
                }
                ServiceKind kind = s.getValue();
                Decision before = last.get(key);
                if (before != null && before.issuesCommand() && rnd.nextInt(3) == 0) {
                    // The same wish again, as a scaler repeats itself while its command is out.
                    Decision again =
                            Decisions.scale(
                                    kind, s.getKey(), region, before.from(), before.to(), now);
                    out.add(again);
                    last.put(key, again);
                    continue;
                }
                int unit = kind == ServiceKind.DATABASE ? 20 : 1;
                int from = believed.getOrDefault(key, unit * (1 + rnd.nextInt(8)));
                int to = Math.max(0, from + unit * (rnd.nextInt(9) - 3));
                Decision d =
                        to == from || rnd.nextInt(3) == 0
                                ? Decisions.hold(kind, s.getKey(), region, from, from, now)
                                : Decisions.scale(kind, s.getKey(), region, from, to, now);
                out.add(d);
                last.put(key, d);
            }
        }
        return out;
    }

    private static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    @Test
    void aRoundReadsWhatItsDecisionsTouchWhateverThePlatformsSize() {
        assertThat(accessesOfOneRound(1_000)).isEqualTo(accessesOfOneRound(20_000));
        // Ten decisions, one a compute scale-up reading its region's database and cache.
        assertThat(accessesOfOneRound(20_000)).isLessThan(100);
    }

    /** Store accesses of a round of ten decisions on a platform of {@code services}. */
    private int accessesOfOneRound(int services) {
        Coordinator c = new Coordinator(coordinator.config());
        CountingStore store = new CountingStore();
        List<Decision> all = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            all.add(Decisions.hold(ServiceKind.COMPUTE, "svc-" + i, REGIONS[i % 3], 4, 4, START));
        }
        for (String region : REGIONS) {
            // Enough for every compute instance: the scale-up needs no headroom.
            all.add(
                    Decisions.hold(
                            ServiceKind.DATABASE, "chat-db", region, 1_000_000, 1_000_000, START));
            all.add(Decisions.hold(ServiceKind.CACHE, "sessions", region, 50_000, 50_000, START));
        }
        c.coordinate(store, all, START);
        List<Decision> round = new ArrayList<>();
        Instant later = START.plusSeconds(15);
        round.add(Decisions.scale(ServiceKind.COMPUTE, "svc-0", REGIONS[0], 4, 6, later));
        for (int i = 1; i < 10; i++) {
            round.add(Decisions.hold(ServiceKind.COMPUTE, "svc-" + i, REGIONS[i % 3], 4, 4, later));
        }
        store.accesses = 0;
        List<Decision> out = c.coordinate(store, round, later);
        assertThat(out.stream().filter(Decision::issuesCommand)).hasSize(1);
        return store.accesses;
    }

    @Test
    void aForgottenServiceLeavesNothingInTheStore() {
        HeapPlatformStore store = new HeapPlatformStore();
        List<Decision> round = new ArrayList<>();
        for (String region : REGIONS) {
            round.add(Decisions.hold(ServiceKind.COMPUTE, "chat-api", region, 4, 4, START));
            round.add(Decisions.hold(ServiceKind.DATABASE, "chat-db", region, 80, 80, START));
            round.add(Decisions.scale(ServiceKind.WEBRTC, "media-relay", region, 2, 3, START));
        }
        coordinator.coordinate(store, round, START);
        // Silent after a minute (reported once), forgotten after the hour.
        Instant silent = START.plusSeconds(75);
        Decision other = Decisions.hold(ServiceKind.CACHE, "sessions", 3, silent);
        assertThat(coordinator.coordinate(store, List.of(other), silent))
                .filteredOn(d -> d.reason() == Reason.METRICS_SILENT)
                .hasSize(9);
        Instant gone = START.plus(Duration.ofHours(1)).plusSeconds(15);
        Decision again = Decisions.hold(ServiceKind.CACHE, "sessions", 3, gone);
        coordinator.coordinate(store, List.of(again), gone);

        HeapPlatformStore onlyTheCache = new HeapPlatformStore();
        coordinator.coordinate(onlyTheCache, List.of(again), gone);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.entries()).isEqualTo(onlyTheCache.entries());
    }

    /** A heap store that counts every read and write of its tables. */
    private static final class CountingStore implements PlatformStore {
        private final HeapPlatformStore inner = new HeapPlatformStore();
        int accesses;

        private <K, V> Table<K, V> counted(Table<K, V> t) {
            return new Table<>() {
                @Override
                public V get(K key) {
                    accesses++;
                    return t.get(key);
                }

                @Override
                public void put(K key, V value) {
                    accesses++;
                    t.put(key, value);
                }

                @Override
                public void remove(K key) {
                    accesses++;
                    t.remove(key);
                }
            };
        }

        @Override
        public Table<String, ServiceEntry> services() {
            return counted(inner.services());
        }

        @Override
        public Table<String, Integer> computeByRegion() {
            return counted(inner.computeByRegion());
        }

        @Override
        public Table<String, String[]> regionsOfService() {
            return counted(inner.regionsOfService());
        }

        @Override
        public Table<String, String[]> dependenciesInRegion() {
            return counted(inner.dependenciesInRegion());
        }

        @Override
        public Table<Long, String[]> seen() {
            return counted(inner.seen());
        }

        @Override
        public Table<Long, Long> seenNext() {
            return counted(inner.seenNext());
        }

        @Override
        public Table<Long, String[]> silent() {
            return counted(inner.silent());
        }

        @Override
        public Table<Long, Long> silentNext() {
            return counted(inner.silentNext());
        }

        @Override
        public Progress progress() {
            return inner.progress();
        }

        @Override
        public void progress(Progress p) {
            inner.progress(p);
        }
    }
}
