package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.coordination.PlatformState.Capacity;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.Reason;
import io.waddle.autoscaler.core.model.ServiceRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A service with a global maximum never exceeds it across regions. Capacity goes to the regions
 * with demand:
 *
 * <pre>
 *   optimal = one unit for every region with demand, then the largest demand first,
 *             each region capped at its own need, within max - (capacity of fixed regions)
 *   off     = sum over regions of |planned - optimal|
 *   off > threshold x optimal total  -> REBALANCE: every region moves to its optimal share
 *   otherwise                        -> GLOBAL_LIMIT: scale-ups trimmed to what the max leaves
 * </pre>
 *
 * A region is fixed (not moved) while it is locked, under a dry run, or has no decision this round.
 * The coordinator pins what it moved, so that it does not move it again while the region's scaler
 * still believes its own target; once the total is under the maximum again, a held-back region goes
 * back toward its need.
 */
final class GlobalLimits {
    private final Map<String, Integer> globalMax;
    private final double rebalanceThreshold;

    GlobalLimits(Map<String, Integer> globalMax, double rebalanceThreshold) {
        this.globalMax = globalMax;
        this.rebalanceThreshold = rebalanceThreshold;
    }

    List<Decision> apply(Round r, List<Decision> decided) {
        if (globalMax.isEmpty()) {
            return decided;
        }
        List<Decision> out = new ArrayList<>(decided);
        // Each limited service's decisions, found in one pass over the round.
        Map<String, Map<String, Integer>> positions = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            String service = out.get(i).service();
            if (globalMax.containsKey(service)) {
                positions
                        .computeIfAbsent(service, x -> new TreeMap<>())
                        .put(out.get(i).region(), i);
            }
        }
        for (Map.Entry<String, Map<String, Integer>> limited : positions.entrySet()) {
            Placement p = placement(r, limited.getKey(), limited.getValue(), out);
            if (p == null) {
                continue;
            }
            int max = globalMax.get(limited.getKey());
            if (p.total <= max) {
                returnTowardNeed(r, limited.getKey(), max, p, out);
                continue;
            }
            Map<String, Integer> optimal = optimal(p, max);
            int off = 0;
            int optimalTotal = 0;
            for (String reg : optimal.keySet()) {
                off += Math.abs(p.planned.get(reg) - optimal.get(reg));
                optimalTotal += optimal.get(reg);
            }
            if (off > rebalanceThreshold * Math.max(1, optimalTotal)) {
                rebalance(r, max, off, optimal, p, out);
            } else {
                trim(r, max, optimal, p, out);
            }
        }
        return out;
    }

    /**
     * Where a service stands across regions: what each movable region needs and is planned to have,
     * the capacity of the fixed ones, and the total.
     */
    private static final class Placement {
        final Map<String, Integer> position = new TreeMap<>();
        final Map<String, Integer> need = new LinkedHashMap<>();
        final Map<String, Integer> planned = new TreeMap<>();
        int fixed;
        int total;

        List<String> byDemand() {
            return need.keySet().stream()
                    .sorted(
                            Comparator.comparingInt((String reg) -> -need.get(reg))
                                    .thenComparing(reg -> reg))
                    .toList();
        }
    }

    /**
     * The service's placement, or null if none of its regions can move.
     *
     * @param position where each region's decision is in {@code decided}
     */
    private static Placement placement(
            Round r, String service, Map<String, Integer> position, List<Decision> decided) {
        Placement p = new Placement();
        p.position.putAll(position);
        for (String region : r.regionsOf(service)) {
            Capacity c = r.capacityOf(ServiceRegion.key(service, region));
            Integer i = p.position.get(c.region());
            Decision d = i == null ? null : decided.get(i);
            int planned = d != null && d.issuesCommand() ? d.to() : c.capacity();
            p.total += planned;
            if (d == null || r.lock(c.key()) != null || d.policy().withheldBy() != null) {
                p.fixed += planned;
            } else {
                p.need.put(c.region(), Math.max(0, d.recommended()));
                p.planned.put(c.region(), planned);
            }
        }
        return p.need.isEmpty() ? null : p;
    }

    private static Map<String, Integer> optimal(Placement p, int max) {
        List<String> byDemand = p.byDemand();
        Map<String, Integer> optimal = new TreeMap<>();
        int left = Math.max(0, max - p.fixed);
        for (String reg : byDemand) {
            int one = p.need.get(reg) > 0 && left > 0 ? 1 : 0;
            optimal.put(reg, one);
            left -= one;
        }
        for (String reg : byDemand) {
            int more = Math.min(p.need.get(reg) - optimal.get(reg), left);
            if (more > 0) {
                optimal.merge(reg, more, Integer::sum);
                left -= more;
            }
        }
        return optimal;
    }

    /** Every movable region to its optimal share. */
    private static void rebalance(
            Round r,
            int max,
            int off,
            Map<String, Integer> optimal,
            Placement p,
            List<Decision> decided) {
        String why =
                "target distribution "
                        + distribution(optimal)
                        + " (max "
                        + max
                        + " across regions; placement off by "
                        + off
                        + ")";
        for (String reg : optimal.keySet()) {
            int i = p.position.get(reg);
            Decision d = decided.get(i);
            int target = optimal.get(reg);
            int now = r.capacity(d.serviceRegionKey());
            if (d.issuesCommand() && target == d.to()) {
                continue;
            }
            r.pin(d.serviceRegionKey(), target);
            if (target == now) {
                if (d.issuesCommand()) {
                    decided.set(i, d.suppressedBy(Reason.GLOBAL_LIMIT, why));
                }
                continue;
            }
            decided.set(
                    i,
                    d.rescaled(now, target, Reason.REBALANCE, why + "; " + d.detail())
                            .asRebalance());
        }
    }

    /** A small deviation: placement stays, the scale-ups are trimmed to what is left. */
    private static void trim(
            Round r, int max, Map<String, Integer> optimal, Placement p, List<Decision> decided) {
        int slack = max - p.total;
        for (String reg : p.byDemand()) {
            int i = p.position.get(reg);
            Decision d = decided.get(i);
            if (!d.issuesCommand() || d.to() <= d.from()) {
                continue;
            }
            int cut = Math.min(d.to() - d.from(), -slack);
            if (cut <= 0) {
                continue;
            }
            slack += cut;
            int target = d.to() - cut;
            String why =
                    "total across regions would be "
                            + p.total
                            + ", max "
                            + max
                            + "; optimal distribution "
                            + distribution(optimal);
            r.pin(d.serviceRegionKey(), target);
            decided.set(
                    i,
                    target == d.from()
                            ? d.suppressedBy(Reason.GLOBAL_LIMIT, why)
                            : d.rescaled(
                                    d.from(),
                                    target,
                                    Reason.GLOBAL_LIMIT,
                                    why + "; wanted " + d.to() + " (" + d.detail() + ")"));
        }
    }

    /**
     * Under the global maximum again: a region the coordinator held below its need (its scaler
     * still believes in its own target) goes back toward its need, as far as the maximum allows.
     */
    private static void returnTowardNeed(
            Round r, String service, int max, Placement p, List<Decision> decided) {
        int slack = max - p.total;
        for (String reg : p.need.keySet()) {
            int i = p.position.get(reg);
            Decision d = decided.get(i);
            String key = d.serviceRegionKey();
            if (r.pinned(key) == null || d.issuesCommand()) {
                continue;
            }
            int need = p.need.get(reg);
            int now = p.planned.get(reg);
            int grant = Math.min(need, now + Math.max(0, slack));
            r.pin(key, grant >= need ? null : grant);
            if (grant > now) {
                slack -= grant - now;
                String why =
                        "back toward its need of "
                                + need
                                + " under the max of "
                                + max
                                + " for "
                                + service
                                + "; "
                                + d.detail();
                decided.set(i, d.rescaled(now, grant, Reason.REBALANCE, why).asRebalance());
            }
        }
    }

    private static String distribution(Map<String, Integer> optimal) {
        return optimal.entrySet().stream()
                .map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(", "));
    }
}
