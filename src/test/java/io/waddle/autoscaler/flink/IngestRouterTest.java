package io.waddle.autoscaler.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class IngestRouterTest {
    private static final Instant NOW = Instant.parse("2026-06-25T14:00:00Z");

    @Test
    void routesRefusedRecordsToTheDeadLetterOutputAndCountsBoth() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env =
                new MockEnvironmentBuilder()
                        .setMetricGroup(
                                new InterceptingTaskMetricGroup() {
                                    @Override
                                    public InterceptingOperatorMetricGroup getOrAddOperator(
                                            OperatorID id, String name, Map<String, String> attrs) {
                                        return metrics;
                                    }
                                })
                        .build();
        try (OneInputStreamOperatorTestHarness<IngestRecord, MetricSample> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new IngestRouter()),
                        TypeInformation.of(IngestRecord.class)
                                .createSerializer(
                                        new org.apache.flink.api.common.serialization
                                                .SerializerConfigImpl()),
                        env)) {
            harness.open();
            MetricSample good = SampleBuilder.compute("chat-api", "eu-west").cpu(50).build();
            DeadLetter bad = DeadLetter.of("INVALID_JSON", "not valid JSON", "{", "m-0@7", NOW);

            harness.processElement(new StreamRecord<>(IngestRecord.valid(good)));
            harness.processElement(new StreamRecord<>(IngestRecord.rejected(bad)));
            harness.processElement(new StreamRecord<>(IngestRecord.rejected(bad)));

            assertThat(harness.extractOutputValues()).containsExactly(good);
            assertThat(harness.getSideOutput(IngestRouter.DEAD_LETTERS))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(bad, bad);
            assertThat(((Counter) metrics.get("samplesAccepted")).getCount()).isEqualTo(1);
            assertThat(((Counter) metrics.get("samplesDeadLettered")).getCount()).isEqualTo(2);
        }
    }
}
