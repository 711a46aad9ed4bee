package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import org.apache.flink.api.connector.sink2.Sink;

/** The job's outputs. Kafka in production, anything in tests. */
public record JobSinks(
        Sink<ScalingCommand> commands,
        Sink<ScalingEvent> events,
        Sink<PolicyEvent> policyEvents,
        Sink<DeadLetter> deadLetters,
        Sink<Alert> alerts) {}
