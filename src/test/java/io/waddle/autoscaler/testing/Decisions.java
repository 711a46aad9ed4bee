package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ObservedWindow;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ScalingDecision;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.Subject;
import java.time.Instant;
import java.util.List;

/** Scalers' decisions as the coordinator receives them, for coordinator tests. */
public final class Decisions {
    private Decisions() {}

    /** A SCALE decision {@code from -> to}, seen with {@code from} instances reporting. */
    public static Decision scale(
            ServiceKind kind, String service, String region, int from, int to, Instant at) {
        return new Decision(
                ScalingDecision.scaleTo(
                        new Subject(service, region, kind),
                        at,
                        from,
                        to,
                        to,
                        Reason.CPU_ABOVE_TARGET,
                        "load",
                        List.of(),
                        from),
                PolicyRef.BUILTIN,
                observed(from));
    }

    /** The same in eu-west. */
    public static Decision scale(ServiceKind kind, String service, int from, int to, Instant at) {
        return scale(kind, service, "eu-west", from, to, at);
    }

    /** A decision to keep {@code at}, while the metrics ask for {@code wants}. */
    public static Decision hold(
            ServiceKind kind, String service, String region, int at, int wants, Instant when) {
        return new Decision(
                ScalingDecision.noChange(
                        new Subject(service, region, kind),
                        when,
                        at,
                        wants,
                        Reason.WITHIN_TOLERANCE,
                        "ok",
                        at),
                PolicyRef.BUILTIN,
                observed(at));
    }

    /** A decision to keep {@code at} in eu-west, as the metrics ask. */
    public static Decision hold(ServiceKind kind, String service, int at, Instant when) {
        return hold(kind, service, "eu-west", at, at, when);
    }

    private static ObservedWindow observed(int instances) {
        return new ObservedWindow(instances, 50.0, 60.0, null, null, 0, null, 0);
    }
}
