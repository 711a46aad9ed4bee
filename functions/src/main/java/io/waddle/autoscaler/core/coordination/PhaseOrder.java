package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decisions go out phase by phase of the dependency graph, dependencies first; within a phase the
 * database goes before the cache, then compute, then the relays. The sort is stable: decisions of
 * one kind keep the order they came in.
 */
final class PhaseOrder {
    /** The order of kinds within one phase. */
    static final List<ServiceKind> WITHIN_PHASE =
            List.of(
                    ServiceKind.DATABASE,
                    ServiceKind.CACHE,
                    ServiceKind.COMPUTE,
                    ServiceKind.WEBRTC);

    private final Comparator<Decision> order;

    PhaseOrder(DependencyGraph graph) {
        this.order =
                Comparator.comparingInt((Decision d) -> graph.phaseOf(d.kind()))
                        .thenComparingInt(d -> WITHIN_PHASE.indexOf(d.kind()));
    }

    List<Decision> sort(List<Decision> decided) {
        List<Decision> out = new ArrayList<>(decided);
        out.sort(order);
        return out;
    }
}
