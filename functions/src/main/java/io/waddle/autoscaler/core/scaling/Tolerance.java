package io.waddle.autoscaler.core.scaling;

import java.io.Serializable;

/**
 * A band around a target inside which no scaling happens, as in the Kubernetes HPA: a usage ratio
 * (observed / target) within {@code 1 ± fraction} means "at target".
 */
public record Tolerance(double fraction) implements Serializable {

    public Tolerance {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1): " + fraction);
        }
    }

    public boolean isWithin(double usageRatio) {
        // The epsilon keeps the band's edges inside it despite rounding (1 - 1.1 != -0.1 in
        // binary).
        return Math.abs(1.0 - usageRatio) <= fraction + 1e-12;
    }
}
