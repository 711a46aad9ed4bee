package io.waddle.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicySettings;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.core.scaling.CacheScaler;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.WebRtcRelayScaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AutoscalerOptionsTest {

    @Test
    void everyOptionHasADefaultAndADescription() {
        assertThat(AutoscalerOptions.all()).hasSizeGreaterThan(20);
        for (ConfigOption<?> o : AutoscalerOptions.all()) {
            assertThat(o.hasDefaultValue()).as(o.key() + " has a default").isTrue();
            assertThat(OptionsDocs.description(o))
                    .as(o.key() + " has a description")
                    .hasSizeGreaterThan(20);
            assertThat(o.key()).startsWith("autoscaler.");
        }
    }

    @Test
    void defaultsAreThePlatformDesignNumbers() {
        Configuration none = new Configuration();
        ComputeScalerConfig compute = AutoscalerOptions.computeScaler(none);
        assertThat(compute.targetCpuPercent()).isEqualTo(70);
        assertThat(compute.targetMemoryPercent()).isEqualTo(80);
        assertThat(compute.minInstances()).isEqualTo(2);
        assertThat(compute.maxInstances()).isEqualTo(100);
        assertThat(compute.scaleDownStabilization()).isEqualTo(Duration.ofSeconds(300));
        assertThat(compute.cooldown()).isEqualTo(Duration.ofSeconds(300));
        WebRtcRelayScaler.Config relays = AutoscalerOptions.webrtc(none);
        assertThat(relays.scaleDownMargin()).isEqualTo(0.7);
        assertThat(relays.pressureStep()).isEqualTo(0.2);
        DatabasePoolScaler.Config pool = AutoscalerOptions.database(none);
        assertThat(pool.connectionsPerWorker()).isEqualTo(10);
        assertThat(pool.pressureDuration()).isEqualTo(Duration.ofSeconds(60));
        CacheScaler.Config cache = AutoscalerOptions.cache(none);
        assertThat(cache.memoryPerNodeBytes()).isEqualTo(4.0 * (1L << 30));
        assertThat(AutoscalerOptions.alerts(none).failureThreshold()).isEqualTo(0.10);
    }

    @Test
    void aPolicyFillsWhatItDoesNotSetFromTheOptions() throws Exception {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.WEBRTC_SCALE_DOWN_MARGIN, 0.5);
        conf.set(AutoscalerOptions.CACHE_LOW_HIT_RATE, 0.3);
        ScalingPolicy p =
                new PolicyParser()
                        .parse("{\"schema_version\":1,\"policy_id\":\"p\",\"version\":1}");

        ServiceSettings s =
                PolicySettings.resolve(p, AutoscalerOptions.serviceSettings(conf), Instant.EPOCH);

        assertThat(s.webrtc().scaleDownMargin()).isEqualTo(0.5);
        assertThat(s.cache().lowHitRate()).isEqualTo(0.3);
        assertThat(s.policy().id()).isEqualTo("p");
    }

    @Test
    void theGeneratedOptionTableIsUpToDate() throws Exception {
        String doc = Files.readString(Path.of("docs/configuration.md"));

        assertThat(OptionsDocs.withTable(doc))
                .as(
                        "docs/configuration.md's option table differs from AutoscalerOptions: run"
                                + " ./autoscaler docs")
                .isEqualTo(doc);
    }

    @Test
    void anInvalidSettingFailsNamingTheProblem() {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COMPUTE_MIN_INSTANCES, 50);
        conf.set(AutoscalerOptions.COMPUTE_MAX_INSTANCES, 10);

        assertThatThrownBy(() -> AutoscalerOptions.computeScaler(conf))
                .hasMessageContaining("min instances 50 is above max instances 10");
    }

    @Test
    void rateLimitsAreReadFromTheirCompactForm() {
        Configuration conf = new Configuration();
        conf.setString(AutoscalerOptions.COMPUTE_SCALE_UP_RATE_LIMITS.key(), "50%/30s, 2/1m");

        ComputeScalerConfig c = AutoscalerOptions.computeScaler(conf);

        assertThat(c.scaleUp().policies())
                .extracting(Object::toString)
                .containsExactly("50%/30s", "2/60s");
    }

    @Test
    void aDependencyCycleIsRefusedAtStartNamingTheOptionAndTheCycle() {
        Configuration conf = new Configuration();
        conf.set(
                AutoscalerOptions.COORDINATOR_DEPENDENCIES,
                "compute->cache,cache->database,database->compute");

        assertThatThrownBy(() -> AutoscalerOptions.coordinator(conf))
                .hasMessageContaining("autoscaler.coordinator.dependencies")
                .hasMessageContaining("dependency cycle: compute -> cache -> database -> compute");
    }

    @Test
    void globalMaximaAreReadPerServiceAndBadOnesRefused() {
        Configuration conf = new Configuration();
        conf.set(AutoscalerOptions.COORDINATOR_GLOBAL_MAX, "media-relay=60, chat-api=200");

        assertThat(AutoscalerOptions.coordinator(conf).globalMax())
                .containsEntry("media-relay", 60)
                .containsEntry("chat-api", 200);

        conf.set(AutoscalerOptions.COORDINATOR_GLOBAL_MAX, "media-relay=-1");
        assertThatThrownBy(() -> AutoscalerOptions.coordinator(conf))
                .hasMessageContaining("global max of media-relay must be in [1, 1000000]");
        conf.set(AutoscalerOptions.COORDINATOR_GLOBAL_MAX, "media-relay");
        assertThatThrownBy(() -> AutoscalerOptions.coordinator(conf))
                .hasMessageContaining("must look like media-relay=60");
    }

    @Test
    void theCoordinatorsDefaultsAreTheIssuesNumbers() {
        CoordinatorConfig c = AutoscalerOptions.coordinator(new Configuration());

        assertThat(c.readiness().databaseConnectionsFor(18)).isEqualTo(216); // 1.2 x 10 x 18
        assertThat(c.readiness().cacheNodesFor(18)).isEqualTo(6); // 1.3 x 18 GiB / 4 GiB
        assertThat(c.lockTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(c.graph().phaseOf(ServiceKind.DATABASE))
                .isLessThan(c.graph().phaseOf(ServiceKind.COMPUTE));
        assertThat(c.graph().phaseOf(ServiceKind.COMPUTE))
                .isLessThan(c.graph().phaseOf(ServiceKind.WEBRTC));
    }
}
