package io.waddle.autoscaler.core.model;

import java.util.Locale;

/** What a policy lets its decisions do. */
public enum PolicyMode {
    /** Decisions become commands. */
    ACTIVE,
    /** Decisions are logged, never executed: to watch the autoscaler before trusting it. */
    DRY_RUN,
    /** Like DRY_RUN; the forecasts (prediction issue) are logged too. */
    FORECAST_ONLY;

    /** As the policy document and the events name it: active, dry-run, forecast-only. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Why a decision under this mode is not executed, or null if it is. */
    public Reason withheldBy() {
        return switch (this) {
            case ACTIVE -> null;
            case DRY_RUN -> Reason.DRY_RUN;
            case FORECAST_ONLY -> Reason.FORECAST_ONLY;
        };
    }
}
