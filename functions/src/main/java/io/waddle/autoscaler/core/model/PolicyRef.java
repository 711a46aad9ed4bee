package io.waddle.autoscaler.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * The policy a decision was made under, as every event names it.
 *
 * @param id the policy's id; {@code builtin} when the job's own options applied, {@code
 *     coordinator} for a decision the coordinator itself made (a dependency's headroom, a silent
 *     region's hold)
 */
public record PolicyRef(String id, long version, PolicyMode mode) implements Serializable {

    /** No policy matched: the job's own options (AutoscalerOptions) apply. */
    public static final PolicyRef BUILTIN = new PolicyRef("builtin", 0, PolicyMode.ACTIVE);

    /** A decision of the coordinator's own, under no scaling policy. */
    public static final PolicyRef COORDINATOR = new PolicyRef("coordinator", 0, PolicyMode.ACTIVE);

    public PolicyRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
    }

    /** Why a decision under this policy is not executed, or null if it is. */
    public Reason withheldBy() {
        return mode.withheldBy();
    }

    /**
     * The decision as this policy lets it stand: under dry-run or forecast-only a decision that
     * would issue a command is logged as SUPPRESSED instead, with the wanted change in its detail.
     */
    public Decision withhold(Decision d) {
        Reason why = withheldBy();
        if (why == null || !d.issuesCommand()) {
            return d;
        }
        return d.suppressedBy(why, "policy " + id + " is in " + mode.wireName() + " mode");
    }
}
