package io.waddle.autoscaler.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One example of each record the job writes, held to its JSON as docs/message-formats.md documents
 * it: the typed decision path must leave the wire format exactly as it was, ids included (consumers
 * recognise a replay by them).
 */
class WireFormatTest {
    private static final Instant AT = Instant.parse("2026-06-25T14:00:15Z");

    private static Decision decision() {
        ScalingDecision d =
                ScalingDecision.scaleTo(
                        new Subject("chat-api", "eu-west", ServiceKind.COMPUTE),
                        AT,
                        10,
                        13,
                        13,
                        Reason.CPU_ABOVE_TARGET,
                        "cpu 91.0% vs target 70.0% on 10 instances -> 13",
                        List.of(),
                        10);
        return new Decision(
                d,
                PolicyRef.BUILTIN,
                new ObservedWindow(10, 91.0, 95.0, 55.0, 60.0, 600.0, 120.0, 1.5));
    }

    @Test
    void aScalingEvent() {
        assertThat(Json.toString(ScalingEvent.of(decision())))
                .isEqualTo(
                        "{\"schema_version\":1,\"event_id\":\"7f0eadc2-e270-3c7d-a3ff-0d75e40efde6\","
                            + "\"service\":\"chat-api\",\"region\":\"eu-west\",\"kind\":\"compute\","
                            + "\"outcome\":\"SCALE\",\"action\":\"scale_up\",\"from\":10,\"to\":13,"
                            + "\"recommended\":13,\"reason\":\"CPU_ABOVE_TARGET\",\"detail\":\"cpu"
                            + " 91.0% vs target 70.0% on 10 instances -> 13\","
                            + "\"limits\":[],\"decided_at\":\"2026-06-25T14:00:15Z\","
                            + "\"command_id\":\"1e7f8da7-dc08-3489-8ea2-22de091c8426\","
                            + "\"policy_id\":\"builtin\",\"policy_version\":0,"
                            + "\"policy_mode\":\"active\",\"observed\":{\"instances\":10,"
                            + "\"cpu_mean\":91.0,\"cpu_max\":95.0,\"memory_mean\":55.0,"
                            + "\"memory_max\":60.0,\"requests_per_second\":600.0,"
                            + "\"response_time_ms\":120.0,\"load_slope_per_second\":1.5}}");
    }

    @Test
    void aScalingCommand() {
        assertThat(Json.toString(ScalingCommand.of(decision())))
                .isEqualTo(
                        "{\"schema_version\":1,"
                            + "\"command_id\":\"1e7f8da7-dc08-3489-8ea2-22de091c8426\","
                            + "\"service\":\"chat-api\",\"region\":\"eu-west\",\"kind\":\"compute\","
                            + "\"action\":\"scale_up\",\"from\":10,\"to\":13,\"reason\":\"CPU_ABOVE_TARGET\",\"detail\":\"cpu"
                            + " 91.0% vs target 70.0% on 10 instances -> 13\","
                            + "\"decided_at\":\"2026-06-25T14:00:15Z\"}");
    }

    @Test
    void anActuationResult() {
        ActuationResult r =
                ActuationResult.applied(ScalingCommand.of(decision()), AT.plusSeconds(30));

        assertThat(Json.toString(r))
                .isEqualTo(
                        "{\"schema_version\":1,"
                            + "\"command_id\":\"1e7f8da7-dc08-3489-8ea2-22de091c8426\","
                            + "\"service\":\"chat-api\",\"region\":\"eu-west\",\"kind\":\"compute\","
                            + "\"status\":\"applied\",\"target\":13,\"capacity\":13,\"detail\":\"scaled"
                            + " to 13\",\"decided_at\":\"2026-06-25T14:00:15Z\","
                            + "\"applied_at\":\"2026-06-25T14:00:45Z\"}");
    }

    @Test
    void aPolicyEvent() {
        PolicyRecord r = new PolicyRecord("chat", "{}", "waddle.policies-0@7", AT);

        assertThat(
                        Json.toString(
                                PolicyEvent.rejected(
                                        r,
                                        2L,
                                        "compute.min_instances",
                                        "min_instances 50 is above max_instances 10",
                                        1L)))
                .isEqualTo(
                        "{\"schema_version\":1,\"policy_id\":\"chat\",\"version\":2,"
                                + "\"outcome\":\"REJECTED\",\"field\":\"compute.min_instances\","
                                + "\"reason\":\"min_instances 50 is above max_instances 10\","
                                + "\"version_in_force\":1,\"origin\":\"waddle.policies-0@7\","
                                + "\"published_at\":\"2026-06-25T14:00:15Z\"}");
    }

    @Test
    void anAlert() {
        Alert a =
                new Alert(
                        Alert.SCHEMA_VERSION,
                        Alert.id("OSCILLATION", "media-relay", "eu-west", AT),
                        "OSCILLATION",
                        "warning",
                        Alert.FIRING,
                        "media-relay",
                        "eu-west",
                        "Scaling oscillates",
                        "4 direction changes within 30 min",
                        "Widen the scale-down stabilization",
                        AT,
                        AT);

        assertThat(Json.toString(a))
                .isEqualTo(
                        "{\"schema_version\":1,\"alert_id\":\"41f500d0-cbda-330b-a6f4-a638a30e988d\","
                            + "\"condition\":\"OSCILLATION\",\"severity\":\"warning\","
                            + "\"status\":\"firing\",\"service\":\"media-relay\",\"region\":\"eu-west\",\"title\":\"Scaling"
                            + " oscillates\",\"message\":\"4 direction changes within 30"
                            + " min\",\"suggested_action\":\"Widen the scale-down stabilization\","
                            + "\"raised_at\":\"2026-06-25T14:00:15Z\",\"at\":\"2026-06-25T14:00:15Z\"}");
    }

    @Test
    void aDeadLetter() {
        DeadLetter d =
                new DeadLetter(
                        DeadLetter.SCHEMA_VERSION,
                        "NOT_JSON",
                        "not a JSON object",
                        "{oops",
                        "waddle.metrics-2@41",
                        AT);

        assertThat(Json.toString(d))
                .isEqualTo(
                        "{\"schema_version\":1,\"reason\":\"NOT_JSON\",\"detail\":\"not a JSON"
                            + " object\",\"payload\":\"{oops\",\"origin\":\"waddle.metrics-2@41\","
                            + "\"received_at\":\"2026-06-25T14:00:15Z\"}");
    }

    @Test
    void aRecordReadBackIsTheRecordWritten() {
        ScalingEvent e = ScalingEvent.of(decision());

        assertThat(Json.fromString(Json.toString(e), ScalingEvent.class)).isEqualTo(e);
    }
}
