package io.waddle.autoscaler.core.violation.b;

import io.waddle.autoscaler.core.violation.a.CoreUsingFlink;

/** The other half of the deliberate package cycle of {@code ArchitectureRulesTest}. */
public final class CycleBack {
    @Override
    public String toString() {
        return CoreUsingFlink.class.getSimpleName();
    }
}
