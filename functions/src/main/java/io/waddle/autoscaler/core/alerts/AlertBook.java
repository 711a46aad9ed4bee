package io.waddle.autoscaler.core.alerts;

import io.waddle.autoscaler.core.model.Alert;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Alert deduplication: one alert per condition and service while the condition holds, and one
 * resolution when it clears. Plain Java; the Flink function keeps the book in keyed state.
 */
public final class AlertBook {
    private AlertBook() {}

    /** The alerts firing, by condition and service/region. */
    public record Firing(Map<String, Alert> alerts) implements Serializable {
        public Firing {
            alerts = Map.copyOf(alerts);
        }

        public static Firing none() {
            return new Firing(Map.of());
        }
    }

    /** What one observation of a condition gives: the book after it, and what to publish. */
    public record Update(Firing next, Optional<Alert> publish) {}

    /**
     * The condition as observed at {@code at}: holding ({@code active}) or not, with the message
     * that explains it.
     */
    public static Update observe(
            Firing book,
            AlertCondition condition,
            String service,
            String region,
            boolean active,
            String message,
            Instant at) {
        String key = condition.name() + "|" + service + "/" + region;
        Alert firing = book.alerts().get(key);
        if (active == (firing != null)) {
            return new Update(book, Optional.empty());
        }
        Map<String, Alert> next = new HashMap<>(book.alerts());
        Alert published;
        if (active) {
            published =
                    new Alert(
                            Alert.SCHEMA_VERSION,
                            Alert.id(condition.name(), service, region, at),
                            condition.name(),
                            condition.severity(),
                            Alert.FIRING,
                            service,
                            region,
                            condition.title(),
                            message,
                            condition.suggestedAction(),
                            at,
                            at);
            next.put(key, published);
        } else {
            published = firing.resolved(at, message);
            next.remove(key);
        }
        return new Update(new Firing(next), Optional.of(published));
    }
}
