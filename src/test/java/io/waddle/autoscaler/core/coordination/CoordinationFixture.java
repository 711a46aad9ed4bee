package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The instants and helpers the coordinator's stage tests share; decisions come from Decisions. */
final class CoordinationFixture {
    static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    static final Instant SLIDE_LATER = START.plusSeconds(15);
    static final Instant ONE_MINUTE_LATER = START.plusSeconds(60);
    static final Instant TWO_MINUTES_LATER = START.plusSeconds(120);
    static final Instant ELEVEN_MINUTES_LATER = START.plusSeconds(660);

    private CoordinationFixture() {}

    /** A coordinator with the defaults and a global maximum for {@code service}. */
    static Coordinator withGlobalMax(String service, int max) {
        return new Coordinator(
                new CoordinatorConfig(
                        Defaults.graph(),
                        Defaults.readiness(),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(1),
                        Map.of(service, max),
                        0.2,
                        Duration.ofHours(1)));
    }

    /** The decisions of a round that issue commands, in the order they go out. */
    static List<Decision> commands(Coordinator.RoundResult r) {
        return r.ordered().stream().filter(Decision::issuesCommand).toList();
    }
}
