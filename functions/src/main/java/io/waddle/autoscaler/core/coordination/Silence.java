package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A service with no decision for the silence timeout has stopped sending metrics: its capacity is
 * held, never scaled down for want of data, and one METRICS_SILENT decision says so. When it speaks
 * again, its next decision says for how long it was silent.
 */
final class Silence {
    private final Duration timeout;

    Silence(Duration timeout) {
        this.timeout = timeout;
    }

    /** {@code d}, noting when its service was last heard if it had been reported silent. */
    Decision resumed(Round r, Decision d) {
        String key = d.serviceRegionKey();
        Instant lastSeen = r.silentSince(key);
        if (lastSeen != null) {
            r.silence(key, null);
        }
        return lastSeen == null
                ? d
                : d.withDetailSuffix("metrics resumed; silent since " + lastSeen);
    }

    /**
     * One hold for every service newly silent: last seen the timeout ago or more (so none of the
     * round's decisions is its), by key. Only the services seen a timeout ago are looked at.
     */
    List<Decision> holds(Round r) {
        List<Decision> out = new ArrayList<>();
        for (String key : r.silenceCandidates(timeout)) {
            Capacity c = r.capacityOf(key);
            if (r.silentSince(key) != null || r.now.isBefore(c.seenAt().plus(timeout))) {
                continue;
            }
            r.silence(key, c.seenAt());
            ScalingDecision hold =
                    ScalingDecision.noChange(
                            c.subject(),
                            r.now,
                            c.capacity(),
                            c.capacity(),
                            Reason.METRICS_SILENT,
                            "no metrics from "
                                    + c.region()
                                    + " since "
                                    + c.seenAt()
                                    + "; holding "
                                    + c.capacity()
                                    + " "
                                    + c.kind().unit()
                                    + ", not scaling down without data",
                            0);
            out.add(new Decision(hold, PolicyRef.COORDINATOR, null));
        }
        return out;
    }
}
