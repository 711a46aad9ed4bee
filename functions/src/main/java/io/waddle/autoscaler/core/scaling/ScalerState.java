package io.waddle.autoscaler.core.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the compute scaler remembers about one service between evaluations. Immutable: each
 * evaluation returns the next state.
 *
 * @param targetInstances the capacity last decided; 0 until the first decision (then the reporting
 *     instances are taken as the current capacity)
 * @param lastScaleAt when capacity last changed, or null if never
 * @param recommendations what the metrics asked for, newest last, for the stabilization windows
 * @param scaleEvents changes made, newest last, for the rate limits
 */
public record ScalerState(
        int targetInstances,
        Instant lastScaleAt,
        List<Recommendation> recommendations,
        List<ScaleEvent> scaleEvents) {

    public ScalerState {
        recommendations = List.copyOf(recommendations);
        scaleEvents = List.copyOf(scaleEvents);
    }

    public static ScalerState initial() {
        return new ScalerState(0, null, List.of(), List.of());
    }

    /**
     * The same history with {@code instances} as the capacity: what a dry run starts each
     * evaluation from.
     */
    public ScalerState observing(int instances) {
        return new ScalerState(instances, lastScaleAt, recommendations, scaleEvents);
    }

    /**
     * The same state with every remembered recommendation brought inside [min, max]: after a policy
     * changes the bounds, the stabilization window must not hold capacity outside them.
     */
    public ScalerState clampRecommendations(int min, int max) {
        List<Recommendation> clamped =
                recommendations.stream()
                        .map(
                                r ->
                                        new Recommendation(
                                                r.at(),
                                                Math.max(min, Math.min(max, r.instances()))))
                        .toList();
        return new ScalerState(targetInstances, lastScaleAt, clamped, scaleEvents);
    }

    public boolean hasTarget() {
        return targetInstances > 0;
    }

    /** Records what the metrics asked for, dropping entries older than {@code retention}. */
    ScalerState recommend(Instant now, int instances, Duration retention) {
        List<Recommendation> kept = new ArrayList<>();
        Instant cutoff = now.minus(retention);
        for (Recommendation r : recommendations) {
            if (r.at().isAfter(cutoff)) {
                kept.add(r);
            }
        }
        kept.add(new Recommendation(now, instances));
        return new ScalerState(
                targetInstances, lastScaleAt, kept, pruneEvents(scaleEvents, cutoff));
    }

    /** Records a change of capacity to {@code instances}. */
    ScalerState scaled(Instant now, int from, int instances) {
        List<ScaleEvent> events = new ArrayList<>(scaleEvents);
        events.add(new ScaleEvent(now, instances - from));
        return new ScalerState(instances, now, recommendations, events);
    }

    /**
     * Adopts {@code instances} as the capacity without recording a change, and records it as a
     * recommendation to keep it.
     */
    ScalerState firstSight(Instant now, int instances) {
        return new ScalerState(
                instances, lastScaleAt, List.of(new Recommendation(now, instances)), scaleEvents);
    }

    private static List<ScaleEvent> pruneEvents(List<ScaleEvent> events, Instant cutoff) {
        return events.stream().filter(e -> e.at().isAfter(cutoff)).toList();
    }
}
