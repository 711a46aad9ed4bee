package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.model.IngestRecord;
import io.waddle.autoscaler.model.PolicyRecord;
import org.apache.flink.api.connector.source.Source;

/** The job's inputs: metric records and policy records. Kafka in production, anything in tests. */
public record JobSources(Source<IngestRecord, ?, ?> metrics, Source<PolicyRecord, ?, ?> policies) {}
