package io.waddle.autoscaler.model;

import io.waddle.autoscaler.scaling.Reason;

/**
 * The policy a decision was made under, as every event names it.
 *
 * @param mode active, dry-run or forecast-only
 */
public record PolicyRef(String id, long version, String mode) {

    /** No policy matched: the job's own options (AutoscalerOptions) apply. */
    public static final PolicyRef BUILTIN = new PolicyRef("builtin", 0, "active");

    /** Why a decision under this policy is not executed, or null if it is. */
    public Reason withheldBy() {
        return switch (mode) {
            case "dry-run" -> Reason.DRY_RUN;
            case "forecast-only" -> Reason.FORECAST_ONLY;
            default -> null;
        };
    }
}
