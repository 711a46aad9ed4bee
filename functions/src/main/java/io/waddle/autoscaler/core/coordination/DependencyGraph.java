package io.waddle.autoscaler.core.coordination;

import io.waddle.autoscaler.core.model.ServiceKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which kinds of service need which others before they may grow, e.g. compute needs cache and
 * database headroom, WebRTC relays need compute. Written {@code compute->cache,compute->database,
 * webrtc->compute}; a cycle is refused, naming it.
 */
public final class DependencyGraph implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<ServiceKind, Set<ServiceKind>> dependencies;
    private final List<Set<ServiceKind>> phases;

    private DependencyGraph(Map<ServiceKind, Set<ServiceKind>> dependencies) {
        this.dependencies = dependencies;
        this.phases = phases(dependencies);
    }

    public static DependencyGraph parse(String spec) {
        Map<ServiceKind, Set<ServiceKind>> deps = new EnumMap<>(ServiceKind.class);
        for (ServiceKind k : ServiceKind.values()) {
            deps.put(k, EnumSet.noneOf(ServiceKind.class));
        }
        for (String edge : spec.split(",")) {
            if (edge.isBlank()) {
                continue;
            }
            String[] ends = edge.split("->");
            if (ends.length != 2) {
                throw new IllegalArgumentException(
                        "dependency '" + edge.trim() + "' must look like compute->database");
            }
            ServiceKind from = kind(ends[0]);
            ServiceKind to = kind(ends[1]);
            if (from == to) {
                throw new IllegalArgumentException(
                        "dependency cycle: " + from.wireName() + " -> " + to.wireName());
            }
            deps.get(from).add(to);
        }
        return new DependencyGraph(deps);
    }

    public Set<ServiceKind> dependenciesOf(ServiceKind kind) {
        return Set.copyOf(dependencies.get(kind));
    }

    /**
     * Kinds in the order commands go out: everything a kind depends on comes in an earlier phase.
     */
    public List<Set<ServiceKind>> phases() {
        return phases;
    }

    public int phaseOf(ServiceKind kind) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).contains(kind)) {
                return i;
            }
        }
        throw new IllegalStateException("no phase for " + kind);
    }

    private static ServiceKind kind(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ServiceKind.fromWireName(n)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "'"
                                                + n
                                                + "' is not a service kind: compute, webrtc,"
                                                + " database or cache"));
    }

    /** Kahn's algorithm; what is left over lies on a cycle, which is refused. */
    private static List<Set<ServiceKind>> phases(Map<ServiceKind, Set<ServiceKind>> deps) {
        List<Set<ServiceKind>> phases = new ArrayList<>();
        Set<ServiceKind> placed = EnumSet.noneOf(ServiceKind.class);
        while (placed.size() < ServiceKind.values().length) {
            Set<ServiceKind> phase = EnumSet.noneOf(ServiceKind.class);
            for (ServiceKind k : ServiceKind.values()) {
                if (!placed.contains(k) && placed.containsAll(deps.get(k))) {
                    phase.add(k);
                }
            }
            if (phase.isEmpty()) {
                throw new IllegalArgumentException("dependency cycle: " + cycle(deps, placed));
            }
            placed.addAll(phase);
            phases.add(Set.copyOf(phase));
        }
        return List.copyOf(phases);
    }

    private static String cycle(Map<ServiceKind, Set<ServiceKind>> deps, Set<ServiceKind> placed) {
        ServiceKind start = null;
        for (ServiceKind k : ServiceKind.values()) {
            if (!placed.contains(k)) {
                start = k;
                break;
            }
        }
        List<ServiceKind> path = new ArrayList<>();
        ServiceKind k = start;
        while (!path.contains(k)) {
            path.add(k);
            k = deps.get(k).stream().filter(d -> !placed.contains(d)).findFirst().orElseThrow();
        }
        StringBuilder sb = new StringBuilder();
        for (ServiceKind p : path.subList(path.indexOf(k), path.size())) {
            sb.append(p.wireName()).append(" -> ");
        }
        return sb.append(k.wireName()).toString();
    }
}
