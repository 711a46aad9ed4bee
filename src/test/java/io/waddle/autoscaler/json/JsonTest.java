package io.waddle.autoscaler.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final Instant AT = Instant.parse("2026-06-25T14:00:00Z");

    private static List<String> fields(String json) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anEventCarriesItsRecordComponentsAndNothingElse() throws Exception {
        ScalingEvent e =
                ScalingEvent.of(
                        new Decision(
                                ScalingDecision.scaleTo(
                                        new Subject("chat-api", "eu-west", ServiceKind.COMPUTE),
                                        AT,
                                        12,
                                        18,
                                        18,
                                        Reason.CPU_ABOVE_TARGET,
                                        "cpu",
                                        List.of(),
                                        12),
                                PolicyRef.BUILTIN,
                                null));

        assertThat(fields(Json.toString(e)))
                .containsExactlyInAnyOrder(
                        "schema_version",
                        "event_id",
                        "service",
                        "region",
                        "kind",
                        "outcome",
                        "action",
                        "from",
                        "to",
                        "recommended",
                        "reason",
                        "detail",
                        "limits",
                        "decided_at",
                        "command_id",
                        "policy_id",
                        "policy_version",
                        "policy_mode",
                        "observed");
        assertThat(Json.fromString(Json.toString(e), ScalingEvent.class)).isEqualTo(e);
    }

    @Test
    void anActuationResultHasNoDerivedFields() throws Exception {
        ActuationResult r =
                ActuationResult.observed("chat-api", "eu-west", ServiceKind.COMPUTE, 12, AT);

        assertThat(fields(Json.toString(r)))
                .doesNotContain("applied", "sets_capacity")
                .contains("status", "capacity", "applied_at");
    }
}
