package io.waddle.autoscaler.core.policy;

import io.waddle.autoscaler.core.model.PolicyMode;
import java.io.Serializable;
import java.util.List;

/**
 * A scaling policy, as published on the policy topic (see the README, "Scaling policies"). Built
 * only by {@link PolicyParser}, which checks every field, so a policy in the job is always valid.
 * Every section has the platform design's numbers as defaults.
 *
 * @param version increases with every change; an older version never replaces a newer one
 * @param appliesTo which services it is for; all fields null: the default policy
 */
public record ScalingPolicy(
        int schemaVersion,
        String policyId,
        long version,
        Selector appliesTo,
        PolicyMode mode,
        double tolerance,
        Compute compute,
        WebRtc webrtc,
        Database database,
        Cache cache,
        Behavior behavior,
        List<Schedule> schedules,
        Prediction prediction,
        Cost cost,
        Spike spike)
        implements Serializable {

    public static final int SCHEMA_VERSION = 1;

    public ScalingPolicy {
        schedules = List.copyOf(schedules);
    }

    /**
     * Which services a policy is for: an exact service name or a glob ({@code chat-*}), optionally
     * one region. All null: every service (the default policy).
     */
    public record Selector(String service, String servicePattern, String region)
            implements Serializable {
        public boolean isDefault() {
            return service == null && servicePattern == null && region == null;
        }
    }

    /**
     * @param scaleUpThresholdPercent, scaleDownThresholdPercent CPU levels the spike and
     *     sustained-low patterns watch
     */
    public record Compute(
            int minInstances,
            int maxInstances,
            double targetCpuPercent,
            double targetMemoryPercent,
            double targetRequestsPerInstance,
            double scaleUpThresholdPercent,
            double scaleDownThresholdPercent,
            long cooldownSeconds,
            double targetResponseTimeMs)
            implements Serializable {}

    /**
     * @param maxPacketLoss, maxLatencyMs limits above which relays are under pressure to scale up
     */
    public record WebRtc(
            int minRelays,
            int maxRelays,
            long connectionsPerRelay,
            double bandwidthPerRelayBps,
            boolean geoDistribution,
            double maxPacketLoss,
            double maxLatencyMs)
            implements Serializable {}

    /**
     * @param maxReplicationLagSeconds above it, the pool never grows (replication-lag guard)
     */
    public record Database(
            int minConnections,
            int maxConnections,
            int connectionsPerWorker,
            long idleTimeoutSeconds,
            double targetQueueDepth,
            double targetQueryTimeMs,
            double maxReplicationLagSeconds)
            implements Serializable {}

    /**
     * @param headroom memory kept free above use, as a share (0.25: 25 %)
     */
    public record Cache(
            int minNodes,
            int maxNodes,
            long memoryPerNodeBytes,
            String evictionPolicy,
            double headroom)
            implements Serializable {}

    /** How fast each direction may move. */
    public record Behavior(Direction scaleUp, Direction scaleDown) implements Serializable {}

    /**
     * @param rateLimits e.g. {@code ["100%/15s", "4/15s"]}
     * @param select max, min or disabled
     */
    public record Direction(long stabilizationSeconds, List<String> rateLimits, String select)
            implements Serializable {
        public Direction {
            rateLimits = List.copyOf(rateLimits);
        }
    }

    /**
     * A time window that overrides the bounds, e.g. at least 20 instances on weekdays 08:00–20:00
     * in Europe/Berlin. Days are mon..sun; times HH:MM local; {@code to} may be before {@code from}
     * for a window that crosses midnight.
     */
    public record Schedule(
            String name,
            List<String> days,
            String from,
            String to,
            String timeZone,
            Integer minInstances,
            Integer maxInstances)
            implements Serializable {
        public Schedule {
            days = List.copyOf(days);
        }
    }

    /**
     * For the predictor (later issue): whether to forecast, how far ahead, from how much history.
     */
    public record Prediction(boolean enabled, long horizonSeconds, long minHistorySeconds)
            implements Serializable {}

    /**
     * The spike pattern and its emergency scale-up for this policy's compute services. A null field
     * takes the job's option ({@code autoscaler.spike.*}).
     *
     * @param minRisePercent a spike: the request rate rises at least this many percent...
     * @param withinSeconds ...within this many seconds (at most 600)...
     * @param minBaseRate ...from at least this many requests per second
     * @param emergencyMaxFactor an emergency scale-up goes to at most this times current
     * @param provisioningDelaySeconds how long new capacity takes to serve
     */
    public record Spike(
            Boolean enabled,
            Double minRisePercent,
            Long withinSeconds,
            Double minBaseRate,
            Double emergencyMaxFactor,
            Long provisioningDelaySeconds)
            implements Serializable {
        public static Spike inherit() {
            return new Spike(null, null, null, null, null, null);
        }
    }

    /** For the cost optimizer (later issue). 0 budget: no budget. */
    public record Cost(
            double monthlyBudget,
            double maxSpotShare,
            double onDemandHourlyPrice,
            double spotHourlyPrice)
            implements Serializable {}
}
