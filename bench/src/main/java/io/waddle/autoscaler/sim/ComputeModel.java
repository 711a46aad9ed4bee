package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.List;

/** Compute instances: the request rate itself, through {@link InstanceModel}. */
public record ComputeModel(
        String service, String region, InstanceModel instances, double targetUtilization)
        implements ServiceModel {

    @Override
    public ServiceKind kind() {
        return ServiceKind.COMPUTE;
    }

    @Override
    public String unit() {
        return "instances";
    }

    @Override
    public int demand(Step s) {
        return (int) Math.ceil(s.load() / instances.capacityPerInstance() - 1e-9);
    }

    @Override
    public int initialCapacity(Step s) {
        return Math.max(
                2,
                (int) Math.ceil(s.load() / (instances.capacityPerInstance() * targetUtilization)));
    }

    @Override
    public List<MetricSample> samples(Step s, List<String> ready) {
        return instances.samples(service, region, ready, s.load(), s.at());
    }

    @Override
    public double servedShare(Step s, int ready) {
        return s.load() == 0 ? 1 : Math.min(1, ready * instances.capacityPerInstance() / s.load());
    }

    @Override
    public double utilization(Step s, int ready) {
        return instances.utilization(s.load(), ready);
    }
}
