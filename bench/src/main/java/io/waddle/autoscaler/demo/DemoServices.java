package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.sim.CacheModel;
import io.waddle.autoscaler.sim.ComputeModel;
import io.waddle.autoscaler.sim.DatabaseModel;
import io.waddle.autoscaler.sim.InstanceModel;
import io.waddle.autoscaler.sim.WebRtcModel;
import java.util.ArrayList;
import java.util.List;

/** The simulated platform's services: every kind in every region, or compute only. */
final class DemoServices {
    private DemoServices() {}

    /** Every kind in every region, or compute only with {@code --services compute}. */
    static List<Demo.SimService> of(boolean allKinds, InstanceModel instances, double capacity) {
        List<Demo.SimService> out = new ArrayList<>();
        for (Demo.Region r : Demo.REGIONS) {
            out.add(
                    new Demo.SimService(
                            new ComputeModel(
                                    "chat-api", r.name(), instances, Demo.TARGET_UTILIZATION),
                            r));
        }
        if (allKinds) {
            for (Demo.Region r : Demo.REGIONS) {
                out.add(
                        new Demo.SimService(
                                new WebRtcModel("media-relay", r.name(), 8, r.phaseHours()), r));
            }
            for (Demo.Region r : Demo.REGIONS) {
                out.add(
                        new Demo.SimService(
                                new DatabaseModel(
                                        "chat-db", r.name(), Demo.CONNECTIONS_PER_WORKER, capacity),
                                r));
            }
            for (Demo.Region r : Demo.REGIONS) {
                out.add(
                        new Demo.SimService(
                                new CacheModel(
                                        "sessions-cache",
                                        r.name(),
                                        Demo.CACHE_BYTES_PER_REQUEST,
                                        Demo.CACHE_NODE_BYTES),
                                r));
            }
        }
        return out;
    }
}
