package io.waddle.autoscaler.sim;

import io.waddle.autoscaler.actuator.ScalingActuator;
import io.waddle.autoscaler.core.model.ScalingCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform of services whose instances take time to start. Plain Java, time is an input.
 *
 * <ul>
 *   <li>A new instance serves only after the provisioning delay; it costs from the moment it is
 *       asked for.
 *   <li>A removed instance stops serving at once and stops costing after the drain time. Starting
 *       instances are removed before serving ones.
 * </ul>
 */
public final class SimulatedPlatform implements ScalingActuator {
    private final Duration provisioningDelay;
    private final Duration drainTime;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private int counter;

    public SimulatedPlatform(Duration provisioningDelay, Duration drainTime) {
        this.provisioningDelay = provisioningDelay;
        this.drainTime = drainTime;
    }

    /** Instance ids are {@code <service>-<region>-<n>}. */
    private static final class Service {
        final List<String> ready = new ArrayList<>();
        final Map<String, Instant> starting = new LinkedHashMap<>(); // id -> ready at
        final Map<String, Instant> draining = new LinkedHashMap<>(); // id -> stops costing at
    }

    /** Adds a service with {@code instances} already serving. */
    public void addService(String service, String region, int instances) {
        Service s = services.computeIfAbsent(key(service, region), k -> new Service());
        for (int i = 0; i < instances; i++) {
            s.ready.add(newId(service, region));
        }
    }

    @Override
    public void apply(ScalingCommand command, Instant now) {
        scaleTo(command.service(), command.region(), command.to(), now);
    }

    /** Asks for {@code instances} in all (serving plus starting). */
    public void scaleTo(String service, String region, int instances, Instant now) {
        Service s = service(service, region);
        int desired = s.ready.size() + s.starting.size();
        for (int i = desired; i < instances; i++) {
            s.starting.put(newId(service, region), now.plus(provisioningDelay));
        }
        for (int i = desired; i > instances; i--) {
            remove(s, now);
        }
    }

    private void remove(Service s, Instant now) {
        if (!s.starting.isEmpty()) {
            String newest = new ArrayList<>(s.starting.keySet()).get(s.starting.size() - 1);
            s.starting.remove(newest);
            return;
        }
        if (!s.ready.isEmpty()) {
            String newest = s.ready.remove(s.ready.size() - 1);
            s.draining.put(newest, now.plus(drainTime));
        }
    }

    /** Moves time forward: started instances begin serving, drained ones stop costing. */
    public void advance(Instant now) {
        for (Service s : services.values()) {
            for (Iterator<Map.Entry<String, Instant>> it = s.starting.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, Instant> e = it.next();
                if (!e.getValue().isAfter(now)) {
                    s.ready.add(e.getKey());
                    it.remove();
                }
            }
            s.draining.values().removeIf(until -> !until.isAfter(now));
        }
    }

    public boolean has(String service, String region) {
        return services.containsKey(key(service, region));
    }

    /** Instances serving now, in the order they became ready. */
    public List<String> readyInstances(String service, String region) {
        return List.copyOf(service(service, region).ready);
    }

    public int ready(String service, String region) {
        return service(service, region).ready.size();
    }

    public int starting(String service, String region) {
        return service(service, region).starting.size();
    }

    /** Instances that cost money now: starting, serving and draining. */
    public int billed(String service, String region) {
        Service s = service(service, region);
        return s.ready.size() + s.starting.size() + s.draining.size();
    }

    private Service service(String service, String region) {
        Service s = services.get(key(service, region));
        if (s == null) {
            throw new IllegalArgumentException("unknown service " + key(service, region));
        }
        return s;
    }

    private String newId(String service, String region) {
        return service + "-" + region + "-" + (++counter);
    }

    private static String key(String service, String region) {
        return service + "/" + region;
    }
}
