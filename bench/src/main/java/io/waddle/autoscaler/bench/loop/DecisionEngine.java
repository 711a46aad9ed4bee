package io.waddle.autoscaler.bench.loop;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Waddle's decision path as the closed-loop benchmarks drive it, one step at a time: {@link
 * DirectPipeline} calls the job's core directly, {@link FlinkPipeline} runs the real job on Kafka
 * and a MiniCluster in lock step. The same steps give both the same decisions; the agreement tests
 * and {@code ./autoscaler bench agreement} hold them to it.
 */
public interface DecisionEngine extends AutoCloseable {

    /** What the actuator reports without a command: its inventory of a service. */
    void observed(ActuationResult inventory) throws Exception;

    /**
     * One step at {@code now}: every window that event time closes by then is decided and
     * coordinated, and each command is applied by {@code actuator}, whose result the job reads
     * back; then this step's samples (all stamped {@code now}) go in.
     *
     * @return every decision of the step as the events topic holds it, in order
     */
    List<ScalingEvent> step(
            Instant now,
            List<MetricSample> samples,
            Function<ScalingCommand, ActuationResult> actuator)
            throws Exception;

    @Override
    default void close() throws Exception {}
}
