package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.patterns.LoadPoints;
import io.waddle.autoscaler.core.policy.PolicyResolver;
import io.waddle.autoscaler.core.policy.PolicySettings;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each compute window into a {@link LoadPoint} for the load patterns, carrying the spike and
 * sustained-low thresholds of the settings in force for the service: the policy's, else the job's
 * own. Its copy of the policies comes from the broadcast of parsed policy updates.
 */
public final class LoadTagger
        extends BroadcastProcessFunction<WindowedMetrics, PolicyUpdate, LoadPoint> {
    private static final long serialVersionUID = 1L;

    private final ServiceSettings builtin;

    /**
     * @param builtin the settings when no policy is in force (the job's options)
     */
    public LoadTagger(ServiceSettings builtin) {
        this.builtin = builtin;
    }

    @Override
    public void processElement(WindowedMetrics w, ReadOnlyContext ctx, Collector<LoadPoint> out)
            throws Exception {
        if (w.kind() != ServiceKind.COMPUTE) {
            return;
        }
        ServiceSettings s =
                PolicySettings.resolve(
                        PolicyResolver.resolve(
                                        PolicyBookFunction.policies(
                                                ctx.getBroadcastState(PolicyBookFunction.POLICIES)),
                                        w.service(),
                                        w.region())
                                .orElse(null),
                        builtin,
                        w.windowEnd());
        out.collect(LoadPoints.of(w, s));
    }

    @Override
    public void processBroadcastElement(PolicyUpdate u, Context ctx, Collector<LoadPoint> out)
            throws Exception {
        PolicyBookFunction.apply(ctx.getBroadcastState(PolicyBookFunction.POLICIES), u);
    }
}
