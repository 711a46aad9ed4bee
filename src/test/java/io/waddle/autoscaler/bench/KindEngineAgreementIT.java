package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.FlinkPipeline;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.sim.Trace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-kind benchmark's two engines make the same decisions: a relay service, a pool and a
 * cache, each with the compute fleet it serves, decided by the core called directly and by the real
 * job (Kafka broker process, Flink MiniCluster with RocksDB and exactly-once checkpoints) in lock
 * step, on 30 minutes of the World Cup trace's rise to a match.
 */
class KindEngineAgreementIT {
    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");
    private static final Instant END = Instant.parse("1998-06-25T14:30:00Z");

    @TempDir Path dir;

    static List<String> decisions(List<ScalingEvent> events) {
        return events.stream()
                .map(
                        e ->
                                e.decidedAt()
                                        + " "
                                        + e.service()
                                        + " "
                                        + e.outcome()
                                        + " "
                                        + e.from()
                                        + "->"
                                        + e.to()
                                        + " "
                                        + e.reason()
                                        + " ("
                                        + e.detail()
                                        + ")")
                .toList();
    }

    @ParameterizedTest
    @EnumSource(
            value = ServiceKind.class,
            names = {"WEBRTC", "DATABASE", "CACHE"})
    void theRealJobMakesTheSameDecisionsForEachKind(ServiceKind kind) throws Exception {
        KindElasticityEngine engine =
                new KindElasticityEngine(Trace.bundledWorldCup(), BenchSettings.defaults(), kind);

        KindElasticityEngine.Traced direct = engine.runWaddle(DirectPipeline::new, START, END);
        KindElasticityEngine.Traced flink =
                engine.runWaddle(conf -> new FlinkPipeline(dir, conf), START, END);

        assertThat(decisions(direct.events()))
                .filteredOn(d -> d.contains(" SCALE ") && !d.contains("chat-api"))
                .as("the " + kind.wireName() + " service scales in the span")
                .isNotEmpty();
        assertThat(decisions(flink.events())).containsExactlyElementsOf(decisions(direct.events()));
        assertThat(flink.run().figures()).isEqualTo(direct.run().figures());
    }
}
