package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform-wide view. It takes one round of decisions of a platform (every service's decision
 * for one window) and lets them out as commands may safely go, stage by stage:
 *
 * <ol>
 *   <li>{@link Silence}: a service that stopped sending metrics is held and reported once;
 *   <li>{@link Locks}: one command in flight per service; what a lock holds back goes out later;
 *   <li>{@link GlobalLimits}: a service's total across regions within its maximum, rebalanced when
 *       its placement is far off the optimal one;
 *   <li>{@link DependencyReadiness}: a compute scale-up waits for headroom in its database and
 *       cache, which never shrink below what compute uses;
 *   <li>{@link PhaseOrder}: dependencies first; every service with a command out is locked.
 * </ol>
 *
 * Plain Java, time is an input; the Flink operator keyed by platform only keeps its state.
 */
public final class Coordinator {
    private final CoordinatorConfig config;
    private final Silence silence;
    private final Locks locks;
    private final GlobalLimits globalLimits;
    private final DependencyReadiness readiness;
    private final PhaseOrder order;

    /**
     * @param ordered every decision of the round as it goes out, in phase order, plus the silence
     *     holds
     * @param next the platform state after the round
     */
    public record RoundResult(List<Decision> ordered, PlatformState next) {}

    public Coordinator(CoordinatorConfig config) {
        this.config = config;
        this.silence = new Silence(config.silenceTimeout());
        this.locks = new Locks(config.lockTimeout(), config.forgetAfter());
        this.globalLimits = new GlobalLimits(config.globalMax(), config.rebalanceThreshold());
        this.readiness = new DependencyReadiness(config.readiness(), config.graph());
        this.order = new PhaseOrder(config.graph());
    }

    public CoordinatorConfig config() {
        return config;
    }

    /**
     * One round on a platform held as one value: the tests' and the examples' form. It copies the
     * whole platform in and out; a running coordinator keeps a {@link PlatformStore} instead.
     */
    public RoundResult coordinate(PlatformState state, List<Decision> round, Instant now) {
        HeapPlatformStore store = HeapPlatformStore.of(state);
        List<Decision> ordered = coordinate(store, round, now);
        return new RoundResult(ordered, store.toState(config.lockTimeout()));
    }

    /**
     * One round on the platform in {@code store}, which it updates: what it costs follows the
     * round's decisions and the services they touch, not the size of the platform.
     *
     * @return every decision of the round as it goes out, in phase order, plus the silence holds
     */
    public List<Decision> coordinate(PlatformStore store, List<Decision> round, Instant now) {
        Round r = new Round(store, now, config.lockTimeout());
        locks.expire(r);
        List<Decision> decided = new ArrayList<>();
        for (Decision d : round) {
            locks.observe(r, d);
            decided.add(silence.resumed(r, d));
        }
        List<Decision> holds = silence.holds(r);
        decided.replaceAll(d -> locks.gate(r, d));
        decided = globalLimits.apply(r, decided);
        decided = readiness.apply(r, decided);
        decided = order.sort(decided);
        locks.lockCommands(r, decided);
        decided.addAll(holds);
        r.flush();
        return decided;
    }

    /**
     * The actuator's result for a command: its lock is released (if it is still the command in
     * flight) and the capacity it reports is the service's capacity. An observed capacity (the
     * actuator's inventory) is taken unless a command for the service is in flight.
     */
    public static PlatformState applied(PlatformState state, ActuationResult result) {
        HeapPlatformStore store = HeapPlatformStore.of(state);
        // A platform value holds no expired lock: nothing expires while it is applied.
        Locks.applied(store, result, Duration.ZERO);
        return store.toState(Duration.ZERO);
    }

    /** The actuator's result for a command, applied to the platform in {@code store}. */
    public void applied(PlatformStore store, ActuationResult result) {
        Locks.applied(store, result, config.lockTimeout());
    }
}
