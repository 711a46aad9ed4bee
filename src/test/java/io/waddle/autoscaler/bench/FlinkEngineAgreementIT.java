package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.autoscalers.WaddleJobModel;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.sim.Trace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's two engines for waddle make the same decisions: the decision core called
 * directly, and the real job (Kafka broker process, Flink MiniCluster with RocksDB and exactly-once
 * checkpoints) in lock step, on 30 minutes of the World Cup trace's rise to a match.
 */
class FlinkEngineAgreementIT {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");
    private static final Instant END = Instant.parse("1998-06-25T14:30:00Z");

    @TempDir Path dir;

    @Test
    void theRealJobMakesTheSameDecisionsAsTheDirectEngine() throws Exception {
        BenchSettings settings = BenchSettings.defaults();
        ElasticityEngine engine = new ElasticityEngine(Trace.bundledWorldCup(), settings);

        WaddleJobModel direct = WaddleModel.create(settings);
        ElasticityEngine.Run directRun = engine.run(direct, START, END);
        ElasticityEngine.Run flinkRun;
        List<ScalingEvent> flinkEvents;
        try (WaddleJobModel job = WaddleModel.onFlink(dir, settings)) {
            flinkRun = engine.run(job, START, END);
            flinkEvents = job.events();
        }

        assertThat(direct.events()).filteredOn(ScalingEvent::issuesCommand).hasSizeGreaterThan(2);
        assertThat(AgreementCommand.decisions(flinkEvents))
                .containsExactlyElementsOf(AgreementCommand.decisions(direct.events()));
        assertThat(flinkRun.figures()).isEqualTo(directRun.figures());
    }
}
