package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import io.waddle.autoscaler.testing.WindowBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A service's capacity is what the actuator's inventory says it has, not how many instance ids
 * report: a flood of fake ids (each id a few bytes in a sample) must not become a capacity the
 * scaler decides from.
 *
 * <pre>
 * compute service, 3 instances in the inventory, 500 ids reporting (497 fake), CPU 20 % against
 * a 70 % target
 * </pre>
 */
class InventoryCapacityTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    private final ServiceEvaluator evaluator = new ServiceEvaluator(8);
    private final ServiceSettings settings = Defaults.settings();

    private static ActuationResult inventory(ServiceKind kind, String service, int capacity) {
        return ActuationResult.observed(service, "eu-west", kind, capacity, START);
    }

    private static WindowedMetrics flooded() {
        return WindowBuilder.endingAt(START).instances(500).cpu(20).build();
    }

    @Test
    void withoutAnInventoryTheReportingIdsAreTheCapacity() {
        Decision d = evaluator.evaluate(null, flooded(), Matches.NONE, settings).decision();

        assertThat(d.from()).isEqualTo(500);
    }

    @Test
    void aServiceWithAnInventoryIsDecidedFromItWhateverReports() {
        ServiceState st =
                ServiceState.withInventory(null, inventory(ServiceKind.COMPUTE, "chat-api", 3));

        ServiceEvaluator.Evaluation e = evaluator.evaluate(st, flooded(), Matches.NONE, settings);

        // Not a scale-down from 500: the load the fake ids claim is still load (it is summed), and
        // the rate limit cuts the step from the 3 there are.
        assertThat(e.decision().from()).isEqualTo(3);
        assertThat(e.decision().to()).isBetween(3, 7);
        assertThat(e.next().scaler().targetInstances()).isEqualTo(e.decision().to());
    }

    @Test
    void theInventoryIsAFirstSightThatTheStabilizationWindowKeeps() {
        ServiceState st =
                ServiceState.withInventory(null, inventory(ServiceKind.COMPUTE, "chat-api", 10));
        WindowedMetrics idle = WindowBuilder.endingAt(START).instances(10).cpu(20).build();

        Decision d = evaluator.evaluate(st, idle, Matches.NONE, settings).decision();

        assertThat(d.from()).isEqualTo(10);
        assertThat(d.to()).isEqualTo(10);
        assertThat(d.reason()).isEqualTo(Reason.STABILIZATION_WINDOW);
    }

    @Test
    void aChangeByHandReplacesWhatTheScalerLastDecided() {
        ServiceEvaluator.Evaluation first =
                evaluator.evaluate(
                        null,
                        WindowBuilder.endingAt(START).instances(10).cpu(95).build(),
                        Matches.NONE,
                        settings);
        assertThat(first.next().scaler().targetInstances()).isEqualTo(14);

        ServiceState byHand =
                ServiceState.withInventory(
                        first.next(), inventory(ServiceKind.COMPUTE, "chat-api", 20));

        assertThat(byHand.scaler().targetInstances()).isEqualTo(20);
        assertThat(byHand.scaler().recommendations())
                .isEqualTo(first.next().scaler().recommendations());
        assertThat(byHand.trend()).isEqualTo(first.next().trend());
    }

    @Test
    void eachKindTakesTheInventoryInItsOwnUnit() {
        assertThat(
                        ServiceState.withInventory(null, inventory(ServiceKind.WEBRTC, "relay", 4))
                                .scaler()
                                .targetInstances())
                .isEqualTo(4);
        assertThat(
                        ServiceState.withInventory(
                                        null, inventory(ServiceKind.DATABASE, "chat-db", 120))
                                .pool()
                                .size())
                .isEqualTo(120);
        assertThat(
                        ServiceState.withInventory(
                                        null, inventory(ServiceKind.CACHE, "sessions-cache", 6))
                                .cache()
                                .nodes())
                .isEqualTo(6);
    }

    @Test
    void aResultOfACommandOrAnEmptyInventoryChangesNothing() {
        ActuationResult none = inventory(ServiceKind.COMPUTE, "chat-api", 0);
        ActuationResult unknownKind =
                new ActuationResult(
                        ActuationResult.SCHEMA_VERSION,
                        "",
                        "chat-api",
                        "eu-west",
                        "mainframe",
                        ActuationResult.OBSERVED,
                        3,
                        3,
                        "observed 3",
                        START,
                        START);

        assertThat(ServiceState.withInventory(null, none)).isEqualTo(ServiceState.EMPTY);
        assertThat(ServiceState.withInventory(null, unknownKind)).isEqualTo(ServiceState.EMPTY);
    }
}
