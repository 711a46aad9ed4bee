package io.waddle.autoscaler.core.model;

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

    /**
     * The event as this policy lets it stand: under dry-run or forecast-only a decision that would
     * issue a command is logged as SUPPRESSED instead, with the wanted change in its detail.
     */
    public ScalingEvent withhold(ScalingEvent event) {
        Reason why = withheldBy();
        if (why == null || !event.issuesCommand()) {
            return event;
        }
        return event.suppressedBy(why, "policy " + id + " is in " + mode + " mode");
    }
}
