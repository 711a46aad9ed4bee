package io.waddle.autoscaler.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.waddle.autoscaler.core.model.PolicyMode;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Cache;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Compute;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Database;
import io.waddle.autoscaler.core.policy.ScalingPolicy.Selector;
import io.waddle.autoscaler.core.policy.ScalingPolicy.WebRtc;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a policy document. Unknown fields, wrong types, impossible values and
 * contradictions (a min above its max, a cycle of limits) are refused with the field's path and the
 * reason; the same message reaches the rejection event and {@code ./autoscaler policy validate}.
 *
 * <p>Every size is bounded before anything is built: the document ({@link #MAX_DOCUMENT_CHARS}),
 * its nesting ({@link #MAX_DEPTH}), each string and number token, each list ({@link
 * PolicyObject#MAX_LIST}), the schedules ({@link #MAX_SCHEDULES}) and a glob's wildcards ({@link
 * #MAX_GLOB_STARS}). A document the checks below let through is therefore safe to apply: no value
 * in it can overflow the arithmetic of the scalers. Should a check still throw something other than
 * {@link InvalidPolicyException}, the document is refused all the same, never let through and never
 * thrown to the caller.
 */
public final class PolicyParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9*?][A-Za-z0-9._*?-]{0,127}");
    private static final long DAY_SECONDS = 86_400;

    /** Top-level fields whose value is an object. */
    private static final Set<String> SECTIONS =
            Set.of(
                    "applies_to",
                    "compute",
                    "webrtc",
                    "database",
                    "cache",
                    "behavior",
                    "prediction",
                    "cost",
                    "spike");

    static final int INSTANCE_LIMIT = 100_000;

    /** The longest document, in characters: the shipped examples are under 2,000. */
    public static final int MAX_DOCUMENT_CHARS = 65_536;

    /** The deepest nesting of objects and arrays: the schema's deepest value is at 4. */
    public static final int MAX_DEPTH = 8;

    public static final int MAX_SCHEDULES = 32;

    /** At most this many '*' in a service_pattern. */
    public static final int MAX_GLOB_STARS = 8;

    static final ObjectMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_DEPTH)
                                                    .maxStringLength(4_096)
                                                    .maxNumberLength(64)
                                                    .maxNameLength(256)
                                                    .maxDocumentLength(MAX_DOCUMENT_CHARS)
                                                    .build())
                                    .build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private final int maxInstances;

    /** The parser of a deployment without a hard limit of its own (the schema's 100,000). */
    public PolicyParser() {
        this(INSTANCE_LIMIT);
    }

    /**
     * @param maxInstances this deployment's hard limit ({@code autoscaler.metrics.max-instances}):
     *     a policy whose max_instances, max_relays or max_nodes (or a schedule's bounds) is above
     *     it is refused, so no policy can scale past what the job itself accepts
     */
    public PolicyParser(int maxInstances) {
        this.maxInstances = Math.min(maxInstances, INSTANCE_LIMIT);
    }

    public ScalingPolicy parse(String json) throws InvalidPolicyException {
        if (json == null) {
            throw new InvalidPolicyException("", "no document");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidPolicyException(
                    "",
                    "the document has "
                            + json.length()
                            + " characters, more than the "
                            + MAX_DOCUMENT_CHARS
                            + " allowed");
        }
        try {
            return check(json);
        } catch (RuntimeException e) {
            throw new InvalidPolicyException(
                    "", "cannot be checked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ScalingPolicy check(String json) throws InvalidPolicyException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            String m =
                    e.getMessage() == null
                            ? "unreadable"
                            : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidPolicyException("", "not valid JSON: " + m);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("", "a policy must be a JSON object");
        }
        PolicyObject o = new PolicyObject(root, "");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (root.get(f).isObject() && !SECTIONS.contains(f)) {
                throw new InvalidPolicyException(
                        f,
                        "unknown service kind '"
                                + f
                                + "': one of compute, webrtc, database, cache");
            }
        }
        o.only(
                "schema_version",
                "policy_id",
                "version",
                "applies_to",
                "mode",
                "tolerance",
                "compute",
                "webrtc",
                "database",
                "cache",
                "behavior",
                "schedules",
                "prediction",
                "cost",
                "spike");
        long schema = o.requiredLong("schema_version", 1, 1);
        String id = o.requiredText("policy_id");
        if (!ID.matcher(id).matches()) {
            throw new InvalidPolicyException(
                    "policy_id", "must be 1-128 letters, digits, '.', '_' or '-'");
        }
        long version = o.requiredLong("version", 1, Long.MAX_VALUE);
        Selector selector = selector(o.object("applies_to"));
        PolicyMode mode = mode(o.text("mode", "active"));
        double tolerance = o.number("tolerance", 0.10, 0, 0.99);
        Compute compute = compute(o.object("compute"));
        ScalingPolicy policy =
                new ScalingPolicy(
                        (int) schema,
                        id,
                        version,
                        selector,
                        mode,
                        tolerance,
                        compute,
                        webrtc(o.object("webrtc")),
                        database(o.object("database")),
                        cache(o.object("cache")),
                        PolicySections.behavior(o.object("behavior")),
                        ScheduleParser.schedules(o.node("schedules"), compute, this),
                        PolicySections.prediction(o.object("prediction")),
                        PolicySections.cost(o.object("cost")),
                        PolicySections.spike(o.object("spike")));
        return policy;
    }

    private static Selector selector(PolicyObject o) throws InvalidPolicyException {
        if (o == null) {
            return new Selector(null, null, null);
        }
        o.only("service", "service_pattern", "region");
        String service = o.text("service", null);
        String pattern = o.text("service_pattern", null);
        String region = o.text("region", null);
        if (service != null && pattern != null) {
            throw new InvalidPolicyException(
                    o.path("service_pattern"), "give service or service_pattern, not both");
        }
        if (service != null && !ID.matcher(service).matches()) {
            throw new InvalidPolicyException(o.path("service"), "not a service name");
        }
        if (pattern != null && !GLOB.matcher(pattern).matches()) {
            throw new InvalidPolicyException(
                    o.path("service_pattern"), "a glob of name characters, '*' and '?'");
        }
        if (pattern != null && pattern.chars().filter(c -> c == '*').count() > MAX_GLOB_STARS) {
            throw new InvalidPolicyException(
                    o.path("service_pattern"), "at most " + MAX_GLOB_STARS + " '*' wildcards");
        }
        if (region != null && !ID.matcher(region).matches()) {
            throw new InvalidPolicyException(o.path("region"), "not a region name");
        }
        return new Selector(service, pattern, region);
    }

    private static PolicyMode mode(String text) throws InvalidPolicyException {
        for (PolicyMode m : PolicyMode.values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        throw new InvalidPolicyException(
                "mode", "'" + text + "' is not one of active, forecast-only, dry-run");
    }

    private Compute compute(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("compute");
        c.only(
                "min_instances",
                "max_instances",
                "target_cpu_percent",
                "target_memory_percent",
                "target_requests_per_instance",
                "target_response_time_ms",
                "scale_up_threshold_percent",
                "scale_down_threshold_percent",
                "cooldown_s");
        int min = (int) c.integer("min_instances", 2, 1, INSTANCE_LIMIT);
        int max = (int) c.integer("max_instances", 100, 1, INSTANCE_LIMIT);
        withinHardLimit(c, "max_instances", max);
        if (min > max) {
            throw new InvalidPolicyException(
                    c.path("min_instances"),
                    "min_instances " + min + " is above max_instances " + max);
        }
        double cpu = c.number("target_cpu_percent", 70, 0, 1000);
        double memory = c.number("target_memory_percent", 80, 0, 1000);
        double rps = c.number("target_requests_per_instance", 0, 0, 1e9);
        double responseMs = c.number("target_response_time_ms", 0, 0, 3_600_000);
        if (cpu == 0 && memory == 0 && rps == 0) {
            throw new InvalidPolicyException(
                    c.path("target_cpu_percent"), "at least one target must be above 0");
        }
        double up = c.number("scale_up_threshold_percent", 80, 0, 1000);
        double down = c.number("scale_down_threshold_percent", 30, 0, 1000);
        if (down >= up) {
            throw new InvalidPolicyException(
                    c.path("scale_down_threshold_percent"),
                    "must be below scale_up_threshold_percent (" + up + ")");
        }
        long cooldown = c.integer("cooldown_s", 300, 0, DAY_SECONDS);
        return new Compute(min, max, cpu, memory, rps, up, down, cooldown, responseMs);
    }

    private WebRtc webrtc(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("webrtc");
        c.only(
                "min_relays",
                "max_relays",
                "connections_per_relay",
                "bandwidth_per_relay_bps",
                "geo_distribution",
                "max_packet_loss",
                "max_latency_ms");
        int min = (int) c.integer("min_relays", 1, 0, INSTANCE_LIMIT);
        int max = (int) c.integer("max_relays", 50, 1, INSTANCE_LIMIT);
        withinHardLimit(c, "max_relays", max);
        if (min > max) {
            throw new InvalidPolicyException(
                    c.path("min_relays"), "min_relays " + min + " is above max_relays " + max);
        }
        return new WebRtc(
                min,
                max,
                c.integer("connections_per_relay", 1000, 1, 10_000_000),
                c.number("bandwidth_per_relay_bps", 1e9, 1, 1e12),
                c.bool("geo_distribution", true),
                c.number("max_packet_loss", 0.02, 0, 1),
                c.number("max_latency_ms", 150, 1, 3_600_000));
    }

    /** Refuses a maximum above this deployment's hard limit, naming the job option. */
    void withinHardLimit(PolicyObject o, String field, long value) throws InvalidPolicyException {
        if (value > maxInstances) {
            throw new InvalidPolicyException(
                    o.path(field),
                    value
                            + " is above this deployment's hard limit of "
                            + maxInstances
                            + " (autoscaler.metrics.max-instances)");
        }
    }

    private static Database database(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("database");
        c.only(
                "min_connections",
                "max_connections",
                "connections_per_worker",
                "idle_timeout_s",
                "target_queue_depth",
                "target_query_time_ms",
                "max_replication_lag_s");
        int min = (int) c.integer("min_connections", 10, 0, 10_000_000);
        int max = (int) c.integer("max_connections", 1000, 1, 10_000_000);
        if (min > max) {
            throw new InvalidPolicyException(
                    c.path("min_connections"),
                    "min_connections " + min + " is above max_connections " + max);
        }
        return new Database(
                min,
                max,
                (int) c.integer("connections_per_worker", 10, 1, 100_000),
                c.integer("idle_timeout_s", 300, 0, DAY_SECONDS),
                c.number("target_queue_depth", 5, 0, 1e9),
                c.number("target_query_time_ms", 50, 0, 3_600_000),
                c.number("max_replication_lag_s", 10, 0, 1e6));
    }

    private Cache cache(PolicyObject o) throws InvalidPolicyException {
        PolicyObject c = o != null ? o : PolicyObject.EMPTY_AT("cache");
        c.only("min_nodes", "max_nodes", "memory_per_node_bytes", "eviction_policy", "headroom");
        int min = (int) c.integer("min_nodes", 1, 0, INSTANCE_LIMIT);
        int max = (int) c.integer("max_nodes", 20, 1, INSTANCE_LIMIT);
        withinHardLimit(c, "max_nodes", max);
        if (min > max) {
            throw new InvalidPolicyException(
                    c.path("min_nodes"), "min_nodes " + min + " is above max_nodes " + max);
        }
        long memory = c.integer("memory_per_node_bytes", 4L << 30, 1L << 20, 1L << 42);
        String eviction = c.text("eviction_policy", "lru");
        if (!Set.of("lru", "lfu", "ttl", "random", "noeviction").contains(eviction)) {
            throw new InvalidPolicyException(
                    c.path("eviction_policy"),
                    "'" + eviction + "' is not one of lru, lfu, ttl, random, noeviction");
        }
        return new Cache(min, max, memory, eviction, c.number("headroom", 0.25, 0, 10));
    }
}
