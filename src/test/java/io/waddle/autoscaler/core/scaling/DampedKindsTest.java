package io.waddle.autoscaler.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.core.model.GaugeStats;
import io.waddle.autoscaler.core.model.Matches;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.Defaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relays, pools and caches are damped when they flap, as compute is. */
class DampedKindsTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");

    /** Connections swinging every 8 minutes between 9,000 and 3,000; the actions taken. */
    private static List<String> relaysSwinging(PatternSettings patterns) {
        ServiceEvaluator e = new ServiceEvaluator(8);
        ServiceSettings settings = Defaults.settings().withPatterns(patterns);
        ServiceEvaluator.Evaluation s = null;
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 4 * 360; i++) {
            Instant end = START.plusSeconds(15L * i);
            int relays = s == null ? 9 : s.next().scaler().targetInstances();
            double connections = (i / 32) % 2 == 0 ? 9_000 : 3_000;
            WindowedMetrics w =
                    new WindowedMetrics(
                            "media-relay",
                            "eu-west",
                            ServiceKind.WEBRTC,
                            end.minusSeconds(60),
                            end,
                            relays,
                            Map.of(
                                    "connections",
                                    new GaugeStats(relays, connections, connections / relays)));
            s = e.evaluate(s == null ? null : s.next(), w, Matches.NONE, settings);
            if (s.decision().issuesCommand()) {
                actions.add(s.decision().action().wireName() + " " + s.decision().detail());
            }
        }
        return actions;
    }

    @Test
    void flappingRelaysAreDampedAndTakeFewerActions() {
        List<String> undamped = relaysSwinging(Defaults.patterns().withoutDamping());
        List<String> damped = relaysSwinging(Defaults.patterns());

        assertThat(undamped).hasSizeGreaterThan(10);
        // Six hours: the cooldown doubles at each further match, until it outlasts the swing.
        assertThat(damped.size()).as(String.join("\n", damped)).isLessThan(undamped.size() * 3 / 4);
        assertThat(damped).anyMatch(a -> a.contains("oscillation: ") && a.contains("damping x2"));
    }
}
