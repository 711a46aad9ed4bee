package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.core.model.PolicyRecord;
import org.apache.flink.api.connector.source.Source;

/**
 * The job's inputs: metric records, policy records and the actuator's results. Kafka in production,
 * anything in tests.
 */
public record JobSources(
        Source<IngestRecord, ?, ?> metrics,
        Source<PolicyRecord, ?, ?> policies,
        Source<ActuationResult, ?, ?> actuationResults) {}
