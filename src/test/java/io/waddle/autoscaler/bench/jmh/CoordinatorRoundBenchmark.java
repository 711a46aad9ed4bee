package io.waddle.autoscaler.bench.jmh;

import io.waddle.autoscaler.core.coordination.Coordinator;
import io.waddle.autoscaler.core.coordination.HeapPlatformStore;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Decisions;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one coordinator round costs as the platform grows and the round does not: {@code
 * ./autoscaler bench coordinator}. The platform has {@code services} compute services in ten
 * regions, each with a database and a cache per region, all known to the coordinator; each round
 * holds the decisions of 1 % of the compute services (a tenth of them scaling up, the rest
 * holding), a different 1 % each time. The cost should follow the deciding services, not the
 * platform.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoordinatorRoundBenchmark {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final int REGIONS = 10;

    @Param({"100", "10000", "100000"})
    public int services;

    private Coordinator coordinator;
    private HeapPlatformStore platform;
    private List<List<Decision>> rounds;
    private int next;
    private Instant now;

    @Setup
    public void setUp() {
        coordinator = new Coordinator(Defaults.coordinator());
        // Every service known: one first round in which all of them decide.
        List<Decision> all = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            all.add(decision(s, 4, 4));
        }
        for (int r = 0; r < REGIONS; r++) {
            all.add(dependency("chat-db", r, ServiceKind.DATABASE, 4000));
            all.add(dependency("sessions-cache", r, ServiceKind.CACHE, 400));
        }
        now = START;
        platform = new HeapPlatformStore();
        coordinator.coordinate(platform, all, now);
        int deciding = Math.max(1, services / 100);
        rounds = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            List<Decision> round = new ArrayList<>(deciding);
            for (int i = 0; i < deciding; i++) {
                int s = (k * deciding + i) % services;
                round.add(i % 10 == 0 ? decision(s, 4, 5) : decision(s, 4, 4));
            }
            rounds.add(round);
        }
    }

    private static String region(int r) {
        return "region-" + r;
    }

    private static Decision decision(int service, int from, int to) {
        String name = "svc-" + service;
        String region = region(service % REGIONS);
        return from == to
                ? Decisions.hold(ServiceKind.COMPUTE, name, region, from, from, START)
                : Decisions.scale(ServiceKind.COMPUTE, name, region, from, to, START);
    }

    private static Decision dependency(String service, int region, ServiceKind kind, int n) {
        return Decisions.hold(kind, service, region(region), n, n, START);
    }

    /** One round of 1 % of the services, on the platform state the rounds before left. */
    @Benchmark
    public List<Decision> roundOfOnePercent() {
        // A millisecond per round: nothing goes silent or times out during the measurement.
        now = now.plusMillis(1);
        return coordinator.coordinate(platform, rounds.get(next++ % rounds.size()), now);
    }
}
