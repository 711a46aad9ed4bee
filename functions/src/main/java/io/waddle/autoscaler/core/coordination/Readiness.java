package io.waddle.autoscaler.core.coordination;

import java.io.Serializable;

/**
 * How much dependency headroom a compute scale-up needs before it goes out.
 *
 * <pre>
 * database connections >= databaseHeadroom × connections per compute instance × N   (1.2 × 10 × N)
 * cache memory         >= cacheHeadroom × cache bytes per compute instance × N       (1.3 × 1 GiB × N)
 * </pre>
 */
public record Readiness(
        int connectionsPerComputeInstance,
        double databaseHeadroom,
        double cacheBytesPerComputeInstance,
        double cacheHeadroom,
        double cacheBytesPerNode)
        implements Serializable {

    public Readiness {
        if (connectionsPerComputeInstance < 1
                || !(databaseHeadroom >= 1)
                || !(cacheHeadroom >= 1)
                || !(cacheBytesPerComputeInstance > 0)
                || !(cacheBytesPerNode > 0)) {
            throw new IllegalArgumentException(
                    "readiness needs >= 1 connection per instance, headrooms >= 1 and cache"
                            + " sizes > 0");
        }
    }

    /** Pool connections {@code computeInstances} need, with headroom. */
    public int databaseConnectionsFor(int computeInstances) {
        return (int)
                Math.ceil(
                        databaseHeadroom * connectionsPerComputeInstance * computeInstances - 1e-9);
    }

    /** Pool connections {@code computeInstances} use, without headroom: a pool's floor. */
    public int databaseConnectionsInUse(int computeInstances) {
        return connectionsPerComputeInstance * computeInstances;
    }

    /** Cache nodes {@code computeInstances} use, without headroom: a cache's floor. */
    public int cacheNodesInUse(int computeInstances) {
        return (int)
                Math.ceil(
                        cacheBytesPerComputeInstance * computeInstances / cacheBytesPerNode - 1e-9);
    }

    /** Cache nodes {@code computeInstances} need, with headroom. */
    public int cacheNodesFor(int computeInstances) {
        return (int)
                Math.ceil(
                        cacheHeadroom
                                        * cacheBytesPerComputeInstance
                                        * computeInstances
                                        / cacheBytesPerNode
                                - 1e-9);
    }
}
