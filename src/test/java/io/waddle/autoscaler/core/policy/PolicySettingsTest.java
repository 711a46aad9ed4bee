package io.waddle.autoscaler.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.testing.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
    // Monday 2026-06-29 in Berlin is UTC+2.
    private static final Instant MONDAY_09_BERLIN = Instant.parse("2026-06-29T07:00:00Z");
    private static final Instant MONDAY_21_BERLIN = Instant.parse("2026-06-29T19:00:00Z");
    private static final Instant SATURDAY_09_BERLIN = Instant.parse("2026-07-04T07:00:00Z");

    private static ScalingPolicy example(String name) throws Exception {
        return new PolicyParser().parse(Files.readString(Path.of("flink-conf", "policies", name)));
    }

    @Test
    void theDefaultPolicyGivesTheScalerDefaults() throws Exception {
        assertThat(PolicySettings.compute(example("default.json"), MONDAY_09_BERLIN))
                .isEqualTo(Defaults.compute());
    }

    @Test
    void aWeekdayScheduleRaisesTheFloorOnlyInsideItsHours() throws Exception {
        ScalingPolicy p = example("business-hours-eu.json");

        assertThat(PolicySettings.compute(p, MONDAY_09_BERLIN).minInstances()).isEqualTo(20);
        assertThat(PolicySettings.compute(p, MONDAY_21_BERLIN).minInstances()).isEqualTo(4);
        assertThat(PolicySettings.compute(p, SATURDAY_09_BERLIN).minInstances()).isEqualTo(4);
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItStarts() throws Exception {
        ScalingPolicy p =
                new PolicyParser()
                        .parse(
                                "{\"schema_version\":1,\"policy_id\":\"n\",\"version\":1,"
                                    + "\"schedules\":[{\"days\":[\"fri\"],\"from\":\"22:00\",\"to\":\"02:00\",\"time_zone\":\"UTC\",\"min_instances\":9}]}");

        assertThat(PolicySettings.compute(p, Instant.parse("2026-07-03T23:00:00Z")).minInstances())
                .isEqualTo(9);
        assertThat(PolicySettings.compute(p, Instant.parse("2026-07-04T01:00:00Z")).minInstances())
                .isEqualTo(9);
        assertThat(PolicySettings.compute(p, Instant.parse("2026-07-04T23:00:00Z")).minInstances())
                .isEqualTo(2);
    }

    @Test
    void behaviourAndTargetsComeFromThePolicy() throws Exception {
        ComputeScalerConfig c =
                PolicySettings.compute(example("compute-chat-api.json"), MONDAY_09_BERLIN);

        assertThat(c.targetCpuPercent()).isEqualTo(65);
        assertThat(c.targetRequestsPerInstance()).isEqualTo(35);
        assertThat(c.maxInstances()).isEqualTo(120);
        assertThat(c.scaleDownStabilization().toSeconds()).isEqualTo(600);
        assertThat(c.scaleDown().policies())
                .extracting(Object::toString)
                .containsExactly("10%/60s");
    }
}
