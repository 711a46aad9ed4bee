package io.waddle.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ScalingCommand;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedPlatformTest {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");
    private static final Duration PROVISIONING = Duration.ofMinutes(2);
    private static final Duration DRAIN = Duration.ofMinutes(1);

    private SimulatedPlatform platform;

    @BeforeEach
    void setUp() {
        platform = new SimulatedPlatform(PROVISIONING, DRAIN);
        platform.addService("chat-api", "eu-west", 4);
    }

    private static ScalingCommand scaleTo(int from, int to) {
        return new ScalingCommand(
                1,
                "c-" + to,
                "chat-api",
                "eu-west",
                "compute",
                to > from ? "scale_up" : "scale_down",
                from,
                to,
                "CPU_ABOVE_TARGET",
                "",
                START);
    }

    @Test
    void newInstancesServeOnlyAfterTheProvisioningDelay() {
        platform.apply(scaleTo(4, 6), START);

        platform.advance(START.plus(PROVISIONING).minusSeconds(1));
        assertThat(platform.ready("chat-api", "eu-west")).isEqualTo(4);
        assertThat(platform.starting("chat-api", "eu-west")).isEqualTo(2);

        platform.advance(START.plus(PROVISIONING));
        assertThat(platform.ready("chat-api", "eu-west")).isEqualTo(6);
    }

    @Test
    void startingInstancesAreBilled() {
        platform.apply(scaleTo(4, 6), START);

        assertThat(platform.billed("chat-api", "eu-west")).isEqualTo(6);
    }

    @Test
    void removedInstancesStopServingAtOnceAndCostUntilDrained() {
        platform.apply(scaleTo(4, 2), START);

        assertThat(platform.ready("chat-api", "eu-west")).isEqualTo(2);
        assertThat(platform.billed("chat-api", "eu-west")).isEqualTo(4);
        platform.advance(START.plus(DRAIN));
        assertThat(platform.billed("chat-api", "eu-west")).isEqualTo(2);
    }

    @Test
    void aScaleDownCancelsStartingInstancesBeforeServingOnes() {
        platform.apply(scaleTo(4, 8), START);
        platform.apply(scaleTo(8, 5), START.plusSeconds(30));

        assertThat(platform.ready("chat-api", "eu-west")).isEqualTo(4);
        assertThat(platform.starting("chat-api", "eu-west")).isEqualTo(1);
    }
}
