package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.*;
import static io.waddle.autoscaler.testing.Decisions.scale;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands go out phase by phase of the dependency graph. */
class PhaseOrderTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void decisionsGoOutPhaseByPhaseDependenciesFirst() {
        List<Decision> round =
                List.of(
                        scale(ServiceKind.WEBRTC, "relay", 3, 5, START),
                        scale(ServiceKind.COMPUTE, "chat-api", 40, 38, START),
                        scale(ServiceKind.CACHE, "sessions", 6, 8, START));

        List<Decision> out = coordinator.coordinate(PlatformState.empty(), round, START).ordered();

        assertThat(out)
                .extracting(Decision::kind)
                .containsExactly(ServiceKind.CACHE, ServiceKind.COMPUTE, ServiceKind.WEBRTC);
    }

    @Test
    void aConfiguredGraphChangesTheOrder() {
        Coordinator computeFirst =
                new Coordinator(
                        new CoordinatorConfig(
                                DependencyGraph.parse("webrtc->compute,cache->compute"),
                                Defaults.readiness(),
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(1),
                                Map.of(),
                                0.2,
                                Duration.ofHours(1)));
        List<Decision> round =
                List.of(
                        scale(ServiceKind.CACHE, "sessions", 6, 8, START),
                        scale(ServiceKind.COMPUTE, "chat-api", 38, 40, START));

        assertThat(computeFirst.coordinate(PlatformState.empty(), round, START).ordered())
                .extracting(Decision::kind)
                .containsExactly(ServiceKind.COMPUTE, ServiceKind.CACHE);
    }
}
