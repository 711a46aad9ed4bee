package io.waddle.autoscaler.core.coordination;

import static io.waddle.autoscaler.core.coordination.CoordinationFixture.*;
import static io.waddle.autoscaler.testing.Decisions.hold;
import static io.waddle.autoscaler.testing.Decisions.scale;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PolicyMode;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.testing.Defaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator's round as a whole. */
class CoordinatorTest {
    private final Coordinator coordinator = new Coordinator(Defaults.coordinator());

    @Test
    void aDryRunDecisionPassesThroughUntouched() {
        Decision dryRun =
                new PolicyRef("try-it", 1, PolicyMode.DRY_RUN)
                        .withhold(scale(ServiceKind.COMPUTE, "chat-api", 12, 18, START));

        List<Decision> out =
                coordinator
                        .coordinate(
                                PlatformState.empty(),
                                List.of(dryRun, hold(ServiceKind.DATABASE, "chat-db", 10, START)),
                                START)
                        .ordered();

        assertThat(out).noneMatch(Decision::issuesCommand);
        assertThat(out.get(1).reason()).isEqualTo(Reason.DRY_RUN);
    }
}
