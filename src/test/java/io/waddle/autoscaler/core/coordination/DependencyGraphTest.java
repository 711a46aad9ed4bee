package io.waddle.autoscaler.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @Test
    void theDefaultGraphPutsDependenciesInEarlierPhases() {
        DependencyGraph g = Defaults.graph();

        assertThat(g.phases())
                .containsExactly(
                        Set.of(ServiceKind.DATABASE, ServiceKind.CACHE),
                        Set.of(ServiceKind.COMPUTE),
                        Set.of(ServiceKind.WEBRTC));
        assertThat(g.dependenciesOf(ServiceKind.COMPUTE))
                .containsExactlyInAnyOrder(ServiceKind.CACHE, ServiceKind.DATABASE);
    }

    @Test
    void aCycleIsRefusedNamingIt() {
        assertThatThrownBy(
                        () ->
                                DependencyGraph.parse(
                                        "compute->database,database->cache,cache->compute"))
                .hasMessageContaining("dependency cycle")
                .hasMessageContaining("compute -> database -> cache -> compute");
    }

    @Test
    void aSelfDependencyIsACycle() {
        assertThatThrownBy(() -> DependencyGraph.parse("cache->cache"))
                .hasMessageContaining("dependency cycle");
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThatThrownBy(() -> DependencyGraph.parse("compute->gpu"))
                .hasMessageContaining("'gpu' is not a service kind");
    }
}
