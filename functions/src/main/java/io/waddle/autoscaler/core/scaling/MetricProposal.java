package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.Reason;

/**
 * What one metric asks for.
 *
 * @param metric the gauge name
 * @param desired instances this metric alone wants; equal to current when within tolerance
 * @param reason why, e.g. CPU_ABOVE_TARGET, or WITHIN_TOLERANCE
 * @param detail the numbers, e.g. {@code cpu 91.0% vs target 70.0% on 10 instances -> 13}
 */
public record MetricProposal(String metric, int desired, Reason reason, String detail) {}
