package io.waddle.autoscaler.core.scaling;

import java.time.Instant;
import java.util.List;

/** A capacity change the scaler made: what the rate limits count. Delta is signed. */
public record ScaleEvent(Instant at, int delta) {

    static int addedSince(List<ScaleEvent> history, Instant cutoff) {
        return history.stream()
                .filter(e -> e.at().isAfter(cutoff) && e.delta() > 0)
                .mapToInt(ScaleEvent::delta)
                .sum();
    }

    static int removedSince(List<ScaleEvent> history, Instant cutoff) {
        return history.stream()
                .filter(e -> e.at().isAfter(cutoff) && e.delta() < 0)
                .mapToInt(e -> -e.delta())
                .sum();
    }
}
