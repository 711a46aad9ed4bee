package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.core.model.PolicyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {
    private final PolicyParser parser = new PolicyParser();

    @Test
    void everyShippedExamplePolicyIsValid() throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("flink-conf", "policies"))) {
            examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        for (Path p : examples) {
            ScalingPolicy policy = parser.parse(Files.readString(p));
            assertThat(policy.policyId() + ".json").isEqualTo(p.getFileName().toString());
        }
    }

    @Test
    void aMinimalPolicyTakesThePlatformDesignDefaults() throws Exception {
        ScalingPolicy p = parser.parse("{\"schema_version\":1,\"policy_id\":\"p\",\"version\":7}");

        assertThat(p.version()).isEqualTo(7);
        assertThat(p.appliesTo().isDefault()).isTrue();
        assertThat(p.mode()).isEqualTo(PolicyMode.ACTIVE);
        assertThat(p.tolerance()).isEqualTo(0.10);
        assertThat(p.compute())
                .isEqualTo(new ScalingPolicy.Compute(2, 100, 70, 80, 0, 80, 30, 300, 0));
        assertThat(p.webrtc())
                .isEqualTo(new ScalingPolicy.WebRtc(1, 50, 1000, 1e9, true, 0.02, 150));
        assertThat(p.database())
                .isEqualTo(new ScalingPolicy.Database(10, 1000, 10, 300, 5, 50, 10));
        assertThat(p.cache()).isEqualTo(new ScalingPolicy.Cache(1, 20, 4L << 30, "lru", 0.25));
        assertThat(p.behavior().scaleUp().rateLimits()).containsExactly("100%/15s", "4/15s");
        assertThat(p.behavior().scaleDown().stabilizationSeconds()).isEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "invalid-json.json,         '',                          not valid JSON",
        "unknown-field.json,        compute.maximum,             unknown field",
        "min-above-max.json,        compute.min_instances,       min_instances 50 is above"
                + " max_instances 10",
        "negative-cooldown.json,    compute.cooldown_s,          -30 is negative",
        "absurd-max.json,           compute.max_instances,       is outside",
        "unknown-service-kind.json, gpu,                         unknown service kind 'gpu'",
        "unknown-mode.json,         mode,                        'yolo' is not one of active,"
                + " forecast-only, dry-run",
        "bad-rate-limit.json,       behavior.scale_up.rate_limits[0], 'fast'",
        "bad-time-zone.json,        schedules[0].time_zone,      'Mars/Olympus' is not a time zone",
        "nan-tolerance.json,        tolerance,                   must be a number",
    })
    void refusesAnInvalidPolicyNamingTheFieldAndTheReason(String file, String field, String reason)
            throws Exception {
        String json =
                Files.readString(Path.of("src", "test", "resources", "policies", "invalid", file));

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(
                        InvalidPolicyException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.reason()).contains(reason);
                        });
    }

    @Test
    void refusesAPolicyWithoutAVersion() {
        assertThatThrownBy(() -> parser.parse("{\"schema_version\":1,\"policy_id\":\"p\"}"))
                .hasMessage("version: missing");
    }

    @Test
    void refusesAScheduleWhoseMinWouldExceedTheMax() {
        String json =
                "{\"schema_version\":1,\"policy_id\":\"p\",\"version\":1,\"compute\":{\"max_instances\":10},"
                    + "\"schedules\":[{\"from\":\"08:00\",\"to\":\"20:00\",\"time_zone\":\"UTC\",\"min_instances\":20}]}";

        assertThatThrownBy(() -> parser.parse(json))
                .hasMessage(
                        "schedules[0].min_instances: min 20 would be above max 10 while the"
                                + " schedule applies");
    }

    @Test
    void aSpikeSectionOverridesTheJobsSettingsFieldByField() throws Exception {
        ScalingPolicy p =
                parser.parse(
                        "{\"schema_version\":1,\"policy_id\":\"p\",\"version\":1,"
                                + "\"spike\":{\"min_rise_percent\":30,\"within_s\":120}}");
        io.waddle.autoscaler.core.scaling.PatternSettings job =
                io.waddle.autoscaler.testing.Defaults.patterns();

        io.waddle.autoscaler.core.scaling.PatternSettings s = PolicySettings.patterns(p, job);

        assertThat(s.spike().minRise()).isEqualTo(0.30);
        assertThat(s.spike().within()).isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(s.spike().minBaseRate()).isEqualTo(job.spike().minBaseRate());
        assertThat(s.spike().maxFactor()).isEqualTo(job.spike().maxFactor());
        assertThat(s.spikeEnabled()).isTrue();
        assertThat(s.provisioningDelay()).isEqualTo(job.provisioningDelay());
        // The sustained-low level is the policy's compute scale-down threshold.
        assertThat(s.lowCpuPercent()).isEqualTo(30.0);
        assertThat(parser.parse("{\"schema_version\":1,\"policy_id\":\"q\",\"version\":1}").spike())
                .isEqualTo(ScalingPolicy.Spike.inherit());
    }

    @Test
    void refusesImpossibleSpikeSettingsNamingTheField() {
        String base = "{\"schema_version\":1,\"policy_id\":\"p\",\"version\":1,\"spike\":";
        assertThatThrownBy(() -> parser.parse(base + "{\"within_s\":601}}"))
                .hasMessageStartingWith("spike.within_s:");
        assertThatThrownBy(() -> parser.parse(base + "{\"emergency_max_factor\":1}}"))
                .hasMessageStartingWith("spike.emergency_max_factor:");
        assertThatThrownBy(() -> parser.parse(base + "{\"min_rise_percent\":-5}}"))
                .hasMessageStartingWith("spike.min_rise_percent:");
        assertThatThrownBy(() -> parser.parse(base + "{\"enabled\":\"yes\"}}"))
                .hasMessageStartingWith("spike.enabled:");
        assertThatThrownBy(() -> parser.parse(base + "{\"rise\":50}}"))
                .hasMessageContaining("rise");
    }
}
