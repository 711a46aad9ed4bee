package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.DirectPipeline;
import io.waddle.autoscaler.bench.loop.FlinkPipeline;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.sim.Trace;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-kind benchmark's two engines make the same decisions: a relay service, a pool and a
 * cache, each with the compute fleet it serves, decided by the core called directly and by the real
 * job (Kafka broker process, Flink MiniCluster with RocksDB and exactly-once checkpoints) in lock
 * step, on 10 to 15 minutes each of the World Cup trace's rise to a match.
 */
class KindEngineAgreementIT {
    @TempDir Path dir;

    /**
     * Each kind over the minutes of the rise in which the service under test scales: 10 for the
     * relays and the pool, 15 for the cache (it first scales in the last five).
     */
    @ParameterizedTest
    @CsvSource({
        "WEBRTC, 1998-06-25T14:05:00Z, 10",
        "DATABASE, 1998-06-25T14:05:00Z, 10",
        "CACHE, 1998-06-25T14:10:00Z, 15"
    })
    void theRealJobMakesTheSameDecisionsForEachKind(ServiceKind kind, Instant start, int minutes)
            throws Exception {
        Instant end = start.plus(java.time.Duration.ofMinutes(minutes));
        KindElasticityEngine engine =
                new KindElasticityEngine(Trace.bundledWorldCup(), BenchSettings.defaults(), kind);

        KindElasticityEngine.Traced direct = engine.runWaddle(DirectPipeline::new, start, end);
        KindElasticityEngine.Traced flink =
                engine.runWaddle(conf -> new FlinkPipeline(dir, conf), start, end);

        assertThat(direct.events())
                .filteredOn(e -> e.issuesCommand() && !e.service().equals("chat-api"))
                .as("the " + kind.wireName() + " service scales in the span")
                .isNotEmpty();
        assertThat(AgreementCommand.decisions(flink.events()))
                .containsExactlyElementsOf(AgreementCommand.decisions(direct.events()));
        assertThat(flink.run().figures()).isEqualTo(direct.run().figures());
    }
}
