package io.waddle.autoscaler.core.alerts;

/** What an alert is about, how bad it is, and what to look at first. */
public enum AlertCondition {
    SCALING_FAILURES(
            "critical",
            "Scaling keeps failing",
            "Check the actuator's log and the platform's quota and permissions for the service."),
    OSCILLATION(
            "warning",
            "Capacity is flapping",
            "Widen the service's tolerance or stabilization in its policy; damping is in force"
                    + " meanwhile."),
    BUDGET(
            "warning",
            "Spend is near the budget",
            "Review the budget or lower the service's max in its policy."),
    METRICS_SILENT(
            "warning",
            "Metrics stopped arriving",
            "Check the service's metrics exporter; its capacity is held meanwhile.");

    private final String severity;
    private final String title;
    private final String suggestedAction;

    AlertCondition(String severity, String title, String suggestedAction) {
        this.severity = severity;
        this.title = title;
        this.suggestedAction = suggestedAction;
    }

    public String severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String suggestedAction() {
        return suggestedAction;
    }
}
