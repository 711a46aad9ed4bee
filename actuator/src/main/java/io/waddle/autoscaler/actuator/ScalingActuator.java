package io.waddle.autoscaler.actuator;

import io.waddle.autoscaler.core.model.ScalingCommand;
import java.time.Instant;

/**
 * Applies scaling commands to a platform. Implementations: {@link SimulatedPlatform} for the demo
 * and benchmarks; Kubernetes comes with the actuator issue.
 */
public interface ScalingActuator {

    /**
     * Moves the command's service towards {@code command.to()} instances.
     *
     * @param now when the command is applied (simulated or real time)
     */
    void apply(ScalingCommand command, Instant now);
}
