package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.alerts.AlertSettings;
import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.coordination.DependencyGraph;
import io.waddle.autoscaler.core.coordination.Readiness;
import io.waddle.autoscaler.core.scaling.CacheScaler;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.SpikeRule;
import io.waddle.autoscaler.core.scaling.WebRtcRelayScaler;
import org.apache.flink.configuration.Configuration;

/** The settings of the job's default options, as the tests of the core start from them. */
public final class Defaults {
    private static final Configuration NONE = new Configuration();

    private Defaults() {}

    public static ComputeScalerConfig compute() {
        return AutoscalerOptions.computeScaler(NONE);
    }

    public static PatternSettings patterns() {
        return AutoscalerOptions.patterns(NONE);
    }

    public static SpikeRule.Config spike() {
        return patterns().spike();
    }

    public static OscillationRule.Config oscillation() {
        return patterns().oscillation();
    }

    public static WebRtcRelayScaler.Config webrtc() {
        return AutoscalerOptions.webrtc(NONE);
    }

    public static DatabasePoolScaler.Config database() {
        return AutoscalerOptions.database(NONE);
    }

    public static CacheScaler.Config cache() {
        return AutoscalerOptions.cache(NONE);
    }

    public static CoordinatorConfig coordinator() {
        return AutoscalerOptions.coordinator(NONE);
    }

    public static Readiness readiness() {
        return coordinator().readiness();
    }

    public static DependencyGraph graph() {
        return coordinator().graph();
    }

    public static AlertSettings alerts() {
        return AutoscalerOptions.alerts(NONE);
    }

    public static ServiceSettings settings() {
        return AutoscalerOptions.serviceSettings(NONE);
    }
}
