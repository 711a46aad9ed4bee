package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.json.Json;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The physical limit of the autoscaler's plumbing: the same Kafka source and parser, and a Kafka
 * sink with the same delivery guarantee, with nothing in between but writing each sample back.
 */
public final class PassThroughPipeline {
    private PassThroughPipeline() {}

    public static JobClient executeAsync(
            StreamExecutionEnvironment env, Source<IngestRecord, ?, ?> metrics, Sink<String> out)
            throws Exception {
        env.fromSource(metrics, WatermarkStrategy.noWatermarks(), "metrics")
                .uid("metrics-source")
                .filter(IngestRecord::isValid)
                .uid("valid-only")
                .map(r -> Json.sampleToJson(r.sample()), Types.STRING)
                .uid("to-json")
                .sinkTo(out)
                .uid("pass-through-sink");
        return env.executeAsync("waddle-pass-through");
    }
}
