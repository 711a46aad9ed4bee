package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.*;
import static io.waddle.autoscaler.testing.Decisions.hold;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Outcome;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A region that stops sending metrics is held and reported once; one gone for the retention is
 * forgotten.
 */
class SilenceTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void aSilentRegionIsHeldAndReportedOnceAndSaysWhenItResumes() {
        PlatformState both =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                "eu-west",
                                                12,
                                                12,
                                                START),
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                "us-east",
                                                8,
                                                8,
                                                START)),
                                START)
                        .next();
        // us-east stops sending metrics; eu-west goes on.
        Coordinator.RoundResult stillWithin =
                coordinator.coordinate(
                        both,
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        SLIDE_LATER)),
                        SLIDE_LATER);
        Coordinator.RoundResult silent =
                coordinator.coordinate(
                        stillWithin.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        ONE_MINUTE_LATER)),
                        ONE_MINUTE_LATER);
        Coordinator.RoundResult stillSilent =
                coordinator.coordinate(
                        silent.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "eu-west",
                                        12,
                                        12,
                                        TWO_MINUTES_LATER)),
                        TWO_MINUTES_LATER);
        Coordinator.RoundResult back =
                coordinator.coordinate(
                        stillSilent.next(),
                        List.of(
                                hold(
                                        ServiceKind.COMPUTE,
                                        "chat-api",
                                        "us-east",
                                        8,
                                        3,
                                        TWO_MINUTES_LATER.plusSeconds(15))),
                        TWO_MINUTES_LATER.plusSeconds(15));

        assertThat(stillWithin.ordered())
                .extracting(Decision::reason)
                .doesNotContain(Reason.METRICS_SILENT);
        Decision held =
                silent.ordered().stream()
                        .filter(e -> e.reason() == Reason.METRICS_SILENT)
                        .findFirst()
                        .orElseThrow();
        assertThat(held.serviceRegionKey()).isEqualTo("chat-api/us-east");
        assertThat(held.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(held.to()).isEqualTo(8);
        assertThat(held.detail()).contains("no metrics from us-east since " + START);
        assertThat(stillSilent.ordered())
                .extracting(Decision::reason)
                .doesNotContain(Reason.METRICS_SILENT);
        assertThat(back.ordered().get(0).detail())
                .contains("metrics resumed; silent since " + START);
        assertThat(back.next().silent()).isEmpty();
    }

    @Test
    void aServiceGoneForTheRetentionIsForgotten() {
        PlatformState seen =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(
                                        hold(ServiceKind.COMPUTE, "chat-api", 12, START),
                                        hold(ServiceKind.CACHE, "sessions", 4, START)),
                                START)
                        .next();

        PlatformState later =
                coordinator
                        .coordinate(
                                seen,
                                List.of(
                                        hold(
                                                ServiceKind.COMPUTE,
                                                "chat-api",
                                                12,
                                                START.plus(Duration.ofHours(1)))),
                                START.plus(Duration.ofHours(1)))
                        .next();

        assertThat(seen.capacities()).containsKey("sessions/eu-west");
        assertThat(later.capacities()).containsOnlyKeys("chat-api/eu-west");
        assertThat(later.silent()).isEmpty();
    }
}
