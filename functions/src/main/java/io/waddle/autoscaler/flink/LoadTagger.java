package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.PolicyResolver;
import io.waddle.autoscaler.core.policy.PolicySettings;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import java.time.Duration;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each compute window into a {@link LoadPoint} for the load patterns, carrying the spike and
 * sustained-low thresholds of the policy in force for the service (or the job's options). It keeps
 * its own copy of the policies, from the same broadcast stream as the scalers; the scalers report
 * what happened to each policy record.
 */
public final class LoadTagger
        extends BroadcastProcessFunction<WindowedMetrics, PolicyRecord, LoadPoint> {
    private static final long serialVersionUID = 1L;

    private final PatternSettings job;
    private final Duration jobStabilization;
    private final PolicyParser parser = new PolicyParser();

    /**
     * @param job the pattern settings of the job's options
     * @param jobStabilization the options' scale-down stabilization window (the low run's length)
     */
    public LoadTagger(PatternSettings job, Duration jobStabilization) {
        this.job = job;
        this.jobStabilization = jobStabilization;
    }

    @Override
    public void processElement(WindowedMetrics w, ReadOnlyContext ctx, Collector<LoadPoint> out)
            throws Exception {
        if (w.kind() != ServiceKind.COMPUTE) {
            return;
        }
        ScalingPolicy policy =
                PolicyResolver.resolve(
                                PolicyBook.policies(
                                        ctx.getBroadcastState(PolicyScalingFunction.POLICIES)),
                                w.service(),
                                w.region())
                        .orElse(null);
        out.collect(point(w, policy, job, jobStabilization));
    }

    /** The point of window {@code w} under {@code policy} (null: the job's settings). */
    public static LoadPoint point(
            WindowedMetrics w, ScalingPolicy policy, PatternSettings job, Duration stabilization) {
        PatternSettings s = policy == null ? job : PolicySettings.patterns(policy, job);
        Duration lowFor =
                policy == null
                        ? stabilization
                        : Duration.ofSeconds(policy.behavior().scaleDown().stabilizationSeconds());
        return new LoadPoint(
                w.service(),
                w.region(),
                w.windowEnd(),
                w.total(Gauges.REQUESTS_PER_SECOND),
                w.mean(Gauges.CPU),
                s.spikeEnabled(),
                s.spike().minRise(),
                s.spike().within().toMillis(),
                s.spike().minBaseRate(),
                s.lowCpuPercent(),
                lowFor.toMillis());
    }

    @Override
    public void processBroadcastElement(PolicyRecord record, Context ctx, Collector<LoadPoint> out)
            throws Exception {
        PolicyBook.apply(ctx.getBroadcastState(PolicyScalingFunction.POLICIES), record, parser);
    }
}
