package io.waddle.autoscaler.core.policy;

import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Compute;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Direction;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Schedule;
import io.waddle.autoscaler.core.scaling.CacheScaler;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.RatePolicy;
import io.waddle.autoscaler.core.scaling.ScalingRules;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.SpikeRule;
import io.waddle.autoscaler.core.scaling.Tolerance;
import io.waddle.autoscaler.core.scaling.WebRtcRelayScaler;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/** What a policy means for the compute scaler at a given moment (schedules depend on the time). */
public final class PolicySettings {
    private PolicySettings() {}

    /**
     * The compute scaler's settings under {@code policy} at {@code now}: the policy's targets,
     * tolerance and behaviour, with the bounds of every schedule active now applied (a schedule's
     * min raises the floor, its max sets the ceiling).
     */
    public static ComputeScalerConfig compute(ScalingPolicy policy, Instant now) {
        Compute c = policy.compute();
        int min = c.minInstances();
        int max = c.maxInstances();
        for (Schedule s : policy.schedules()) {
            if (isActive(s, now)) {
                if (s.maxInstances() != null) {
                    max = s.maxInstances();
                }
                if (s.minInstances() != null) {
                    min = Math.max(min, s.minInstances());
                }
            }
        }
        min = Math.min(min, max);
        return new ComputeScalerConfig(
                c.targetCpuPercent(),
                c.targetMemoryPercent(),
                c.targetRequestsPerInstance(),
                new Tolerance(policy.tolerance()),
                min,
                max,
                Duration.ofSeconds(policy.behavior().scaleUp().stabilizationSeconds()),
                Duration.ofSeconds(policy.behavior().scaleDown().stabilizationSeconds()),
                Duration.ofSeconds(c.cooldownSeconds()),
                rules(policy.behavior().scaleUp()),
                rules(policy.behavior().scaleDown()),
                c.targetResponseTimeMs());
    }

    /**
     * The pattern settings for a service under {@code policy}: its spike fields override the job's,
     * each one that is set; its compute scale-down threshold is the sustained-low level.
     */
    public static PatternSettings patterns(ScalingPolicy policy, PatternSettings job) {
        ScalingPolicy.Spike p = policy.spike();
        SpikeRule.Config j = job.spike();
        SpikeRule.Config spike =
                new SpikeRule.Config(
                        p.minRisePercent() != null ? p.minRisePercent() / 100 : j.minRise(),
                        p.withinSeconds() != null
                                ? Duration.ofSeconds(p.withinSeconds())
                                : j.within(),
                        p.minBaseRate() != null ? p.minBaseRate() : j.minBaseRate(),
                        j.maxExtrapolation(),
                        p.emergencyMaxFactor() != null ? p.emergencyMaxFactor() : j.maxFactor(),
                        j.minStep());
        return job.withSpike(
                        p.enabled() != null ? p.enabled() : job.spikeEnabled(),
                        spike,
                        p.provisioningDelaySeconds() != null
                                ? Duration.ofSeconds(p.provisioningDelaySeconds())
                                : job.provisioningDelay())
                .withLowCpuPercent(policy.compute().scaleDownThresholdPercent());
    }

    /**
     * Every setting of a service's evaluation under {@code policy} at {@code now}; the job's own
     * ({@code builtin}) when no policy is in force. What a policy does not set comes from {@code
     * builtin}.
     *
     * <p>A policy this version's checks would refuse can still be in force: one accepted by an
     * older version and restored from its savepoint (a rate limit of {@code 4/999999999999999s}).
     * Such a policy is set aside, and the service is evaluated under the job's own settings, rather
     * than failing on every window.
     */
    public static ServiceSettings resolve(
            ScalingPolicy policy, ServiceSettings builtin, Instant now) {
        if (policy == null) {
            return builtin;
        }
        try {
            return new ServiceSettings(
                    ref(policy),
                    compute(policy, now),
                    patterns(policy, builtin.patterns()),
                    webrtc(policy, builtin.webrtc()),
                    database(policy, builtin.database()),
                    cache(policy, builtin.cache()));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            return builtin;
        }
    }

    /** How decisions under {@code policy} name it. */
    public static PolicyRef ref(ScalingPolicy policy) {
        return new PolicyRef(policy.policyId(), policy.version(), policy.mode());
    }

    /**
     * The WebRTC relay scaler's settings. The scale-down stabilization of the policy's behaviour is
     * the relays' cooldown; the scale-down margin and the pressure step are the job's ({@code
     * base}).
     */
    public static WebRtcRelayScaler.Config webrtc(
            ScalingPolicy policy, WebRtcRelayScaler.Config base) {
        ScalingPolicy.WebRtc w = policy.webrtc();
        return new WebRtcRelayScaler.Config(
                w.minRelays(),
                w.maxRelays(),
                w.connectionsPerRelay(),
                w.bandwidthPerRelayBps(),
                w.maxPacketLoss(),
                w.maxLatencyMs(),
                base.scaleDownMargin(),
                base.pressureStep(),
                Duration.ofSeconds(policy.behavior().scaleDown().stabilizationSeconds()));
    }

    /**
     * The connection-pool scaler's settings; how long pressure must last and the growth step are
     * the job's ({@code base}).
     */
    public static DatabasePoolScaler.Config database(
            ScalingPolicy policy, DatabasePoolScaler.Config base) {
        ScalingPolicy.Database d = policy.database();
        return new DatabasePoolScaler.Config(
                d.minConnections(),
                d.maxConnections(),
                d.connectionsPerWorker(),
                d.targetQueueDepth(),
                d.targetQueryTimeMs(),
                d.maxReplicationLagSeconds(),
                Duration.ofSeconds(d.idleTimeoutSeconds()),
                base.pressureDuration(),
                base.growthStep());
    }

    /**
     * The cache scaler's settings; the scale-down stabilization of the behaviour is its cooldown,
     * the hit-rate, eviction and scale-down thresholds are the job's ({@code base}).
     */
    public static CacheScaler.Config cache(ScalingPolicy policy, CacheScaler.Config base) {
        ScalingPolicy.Cache c = policy.cache();
        return new CacheScaler.Config(
                c.minNodes(),
                c.maxNodes(),
                c.memoryPerNodeBytes(),
                c.headroom(),
                base.lowHitRate(),
                base.lowEvictionRate(),
                base.scaleDownShare(),
                base.evictionRise(),
                Duration.ofSeconds(policy.behavior().scaleDown().stabilizationSeconds()));
    }

    /**
     * Whether {@code now}, in the schedule's time zone, falls on one of its days within [from, to).
     */
    public static boolean isActive(Schedule s, Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(s.timeZone()));
        LocalTime t = local.toLocalTime();
        LocalTime from = LocalTime.parse(s.from());
        LocalTime to = LocalTime.parse(s.to());
        DayOfWeek day = local.getDayOfWeek();
        if (from.isBefore(to)) {
            return onDay(s, day) && !t.isBefore(from) && t.isBefore(to);
        }
        // Crosses midnight: the evening part belongs to its day, the morning part to the day
        // before.
        return (onDay(s, day) && !t.isBefore(from)) || (onDay(s, day.minus(1)) && t.isBefore(to));
    }

    private static boolean onDay(Schedule s, DayOfWeek day) {
        return s.days().contains(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
    }

    private static ScalingRules rules(Direction d) {
        return new ScalingRules(
                d.rateLimits().stream().map(RatePolicy::parse).toList(),
                ScalingRules.Select.valueOf(d.select().toUpperCase(Locale.ROOT)));
    }
}
