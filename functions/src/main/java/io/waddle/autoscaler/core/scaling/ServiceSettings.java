package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.PolicyRef;
import java.io.Serializable;
import java.util.Objects;

/**
 * Every setting one evaluation of a service uses: the policy in force for it at that time, or the
 * job's own options ({@link PolicyRef#BUILTIN}). Each kind reads its own part.
 */
public record ServiceSettings(
        PolicyRef policy,
        ComputeScalerConfig compute,
        PatternSettings patterns,
        WebRtcRelayScaler.Config webrtc,
        DatabasePoolScaler.Config database,
        CacheScaler.Config cache)
        implements Serializable {

    public ServiceSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(patterns, "patterns");
        Objects.requireNonNull(webrtc, "webrtc");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(cache, "cache");
    }

    /** The same settings under another policy reference. */
    public ServiceSettings under(PolicyRef ref) {
        return new ServiceSettings(ref, compute, patterns, webrtc, database, cache);
    }

    public ServiceSettings withCompute(ComputeScalerConfig c) {
        return new ServiceSettings(policy, c, patterns, webrtc, database, cache);
    }

    public ServiceSettings withPatterns(PatternSettings p) {
        return new ServiceSettings(policy, compute, p, webrtc, database, cache);
    }
}
