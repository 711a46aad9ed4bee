package io.waddle.autoscaler.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertBookTest {
    private static final AlertSettings SETTINGS = Defaults.alerts();

    private static final Instant START = Instant.parse("1998-06-25T14:00:00Z");

    @Test
    void aConditionIsAlertedOnceWhileItHoldsAndResolvedOnceWhenItClears() {
        AlertBook.Update first =
                AlertBook.observe(
                        AlertBook.Firing.none(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "eu-west",
                        true,
                        "6 direction changes",
                        START);
        AlertBook.Update again =
                AlertBook.observe(
                        first.next(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "eu-west",
                        true,
                        "7 direction changes",
                        START.plusSeconds(60));
        AlertBook.Update cleared =
                AlertBook.observe(
                        again.next(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "eu-west",
                        false,
                        "calm for 30 min",
                        START.plusSeconds(1800));
        AlertBook.Update stillClear =
                AlertBook.observe(
                        cleared.next(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "eu-west",
                        false,
                        "calm",
                        START.plusSeconds(1900));

        Alert raised = first.publish().orElseThrow();
        assertThat(raised.status()).isEqualTo("firing");
        assertThat(raised.severity()).isEqualTo("warning");
        assertThat(raised.title()).isEqualTo("Capacity is flapping");
        assertThat(raised.suggestedAction()).isNotBlank();
        assertThat(again.publish()).isEmpty();
        Alert resolved = cleared.publish().orElseThrow();
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.alertId()).isEqualTo(raised.alertId());
        assertThat(resolved.message()).isEqualTo("calm for 30 min");
        assertThat(stillClear.publish()).isEmpty();
        assertThat(stillClear.next().alerts()).isEmpty();
    }

    @Test
    void conditionsAndServicesAreAlertedApart() {
        AlertBook.Update a =
                AlertBook.observe(
                        AlertBook.Firing.none(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "eu-west",
                        true,
                        "flapping",
                        START);
        AlertBook.Update b =
                AlertBook.observe(
                        a.next(),
                        AlertCondition.METRICS_SILENT,
                        "chat-api",
                        "eu-west",
                        true,
                        "silent",
                        START);
        AlertBook.Update c =
                AlertBook.observe(
                        b.next(),
                        AlertCondition.OSCILLATION,
                        "chat-api",
                        "us-east",
                        true,
                        "flapping",
                        START);

        assertThat(b.publish()).isPresent();
        assertThat(c.publish()).isPresent();
        assertThat(c.next().alerts()).hasSize(3);
    }

    private static ActuationResult result(boolean applied, Instant at) {
        ScalingCommand c =
                new ScalingCommand(
                        1,
                        "cmd-" + at,
                        "chat-api",
                        "eu-west",
                        "compute",
                        "scale_up",
                        4,
                        6,
                        "CPU_ABOVE_TARGET",
                        "cpu",
                        at);
        return applied ? ActuationResult.applied(c, at) : ActuationResult.failed(c, at, "quota");
    }

    @Test
    void theFailureRateIsCriticalAboveTenPercentOfTheLastHour() {
        FailureRate r = FailureRate.none();
        for (int i = 0; i < 9; i++) {
            r = r.add(result(true, START.plusSeconds(60L * i)), SETTINGS);
        }
        FailureRate oneInTen = r.add(result(false, START.plusSeconds(600)), SETTINGS);
        FailureRate twoInEleven = oneInTen.add(result(false, START.plusSeconds(660)), SETTINGS);

        assertThat(oneInTen.critical(START.plusSeconds(600), SETTINGS)).isFalse(); // exactly 10 %
        assertThat(twoInEleven.critical(START.plusSeconds(660), SETTINGS)).isTrue();
        assertThat(twoInEleven.describe(START.plusSeconds(660), SETTINGS))
                .contains("2 of 11 scaling commands failed in the last hour (18 %");
        // An hour after the first failures only the later attempts count.
        assertThat(twoInEleven.rate(START.plusSeconds(660 + 3600), SETTINGS)).isZero();
    }

    @Test
    void anObservedCapacityIsNoAttempt() {
        FailureRate r =
                FailureRate.none()
                        .add(
                                ActuationResult.observed(
                                        "chat-api",
                                        "eu-west",
                                        io.waddle.autoscaler.core.model.ServiceKind.COMPUTE,
                                        4,
                                        START),
                                SETTINGS);

        assertThat(r.outcomes()).isEmpty();
    }
}
