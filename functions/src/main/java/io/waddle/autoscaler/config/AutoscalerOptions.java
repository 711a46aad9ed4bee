package io.waddle.autoscaler.config;

import io.waddle.autoscaler.core.alerts.AlertSettings;
import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.coordination.CoordinatorScope;
import io.waddle.autoscaler.core.coordination.DependencyGraph;
import io.waddle.autoscaler.core.coordination.Readiness;
import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.patterns.PatternHorizons;
import io.waddle.autoscaler.core.scaling.CacheScaler;
import io.waddle.autoscaler.core.scaling.ComputeScalerConfig;
import io.waddle.autoscaler.core.scaling.DatabasePoolScaler;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.RatePolicy;
import io.waddle.autoscaler.core.scaling.ScalingRules;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.core.scaling.SpikeRule;
import io.waddle.autoscaler.core.scaling.Tolerance;
import io.waddle.autoscaler.core.scaling.WebRtcRelayScaler;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Every tunable of the autoscaler, with its key, type, default and meaning. Set them in {@code
 * flink-conf/config.yaml} or as {@code --key value} on the command line. The README's option table
 * is generated from this class ({@code ./autoscaler docs}); a test keeps the two in step.
 */
public final class AutoscalerOptions {
    private AutoscalerOptions() {}

    // ---- Kafka ------------------------------------------------------------------------------

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("autoscaler.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers, comma-separated host:port.");

    public static final ConfigOption<String> CONSUMER_GROUP =
            ConfigOptions.key("autoscaler.kafka.group-id")
                    .stringType()
                    .defaultValue("waddle-autoscaler")
                    .withDescription(
                            "Consumer group of the metrics source (offsets are committed on"
                                    + " checkpoints).");

    public static final ConfigOption<String> STARTING_OFFSETS =
            ConfigOptions.key("autoscaler.kafka.starting-offsets")
                    .stringType()
                    .defaultValue("committed")
                    .withDescription(
                            "Where the metrics source starts without a checkpoint: 'committed' (the"
                                    + " group's committed offsets; without them, the first"
                                    + " record within autoscaler.kafka.cold-start-max-age),"
                                    + " 'earliest' (all of the topic, e.g. to replay a trace) or"
                                    + " 'latest'.");

    public static final ConfigOption<Duration> CONTROL_TOPIC_DISCOVERY =
            ConfigOptions.key("autoscaler.kafka.control-topic-discovery")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often the policy and actuation-results sources look for their"
                                + " topic's partitions. Either topic may be missing when the job"
                                + " starts: the job decides under its own options meanwhile, and"
                                + " reads the topic from its beginning within this long of its"
                                + " creation.");

    public static final ConfigOption<Duration> COLD_START_MAX_AGE =
            ConfigOptions.key("autoscaler.kafka.cold-start-max-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "On a first start (starting-offsets 'committed', no offsets committed"
                                + " yet), the metrics source skips records older than this (by"
                                + " their Kafka timestamp) and logs how many, so that history is"
                                + " not turned into scaling commands now. Five windows at the"
                                + " defaults: enough for the first decisions. 0 reads the topic"
                                + " from its beginning.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("autoscaler.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("waddle-autoscaler")
                    .withDescription(
                            "Prefix of the Kafka transactional ids of the exactly-once sinks. Must"
                                    + " be unique per job on one Kafka cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("autoscaler.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Kafka transaction timeout of the exactly-once sinks. Must exceed the"
                                + " checkpoint interval plus the longest expected restart, and not"
                                + " exceed the broker's transaction.max.timeout.ms (15 min by"
                                + " default).");

    public static final ConfigOption<String> METRICS_TOPIC =
            ConfigOptions.key("autoscaler.topics.metrics")
                    .stringType()
                    .defaultValue("waddle.metrics")
                    .withDescription("Topic the MetricSample JSON messages are read from.");

    public static final ConfigOption<String> COMMANDS_TOPIC =
            ConfigOptions.key("autoscaler.topics.commands")
                    .stringType()
                    .defaultValue("waddle.scaling-commands")
                    .withDescription(
                            "Topic the ScalingCommand messages are written to (exactly-once).");

    public static final ConfigOption<String> EVENTS_TOPIC =
            ConfigOptions.key("autoscaler.topics.events")
                    .stringType()
                    .defaultValue("waddle.scaling-events")
                    .withDescription(
                            "Topic every ScalingEvent (each decision, with its reason) is written"
                                    + " to.");

    public static final ConfigOption<String> POLICIES_TOPIC =
            ConfigOptions.key("autoscaler.topics.policies")
                    .stringType()
                    .defaultValue("waddle.policies")
                    .withDescription(
                            "Compacted topic of scaling policies, keyed by policy id; a null value"
                                    + " (tombstone) deletes a policy. Read from the beginning at a"
                                    + " fresh start.");

    public static final ConfigOption<String> POLICY_EVENTS_TOPIC =
            ConfigOptions.key("autoscaler.topics.policy-events")
                    .stringType()
                    .defaultValue("waddle.policy-events")
                    .withDescription(
                            "Topic that says what became of each policy record: ACCEPTED, DELETED,"
                                    + " REJECTED (with field and reason) or STALE.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("autoscaler.topics.dead-letters")
                    .stringType()
                    .defaultValue("waddle.metrics-dead-letters")
                    .withDescription(
                            "Topic refused metric samples are written to, with the reason.");

    public static final ConfigOption<String> ACTUATION_RESULTS_TOPIC =
            ConfigOptions.key("autoscaler.topics.actuation-results")
                    .stringType()
                    .defaultValue("waddle.actuation-results")
                    .withDescription(
                            "Topic the actuator reports each command's result to (applied or"
                                    + " failed). The job reads it back: the result releases the"
                                    + " service's lock in the coordinator at once.");

    // ---- Ingest -----------------------------------------------------------------------------

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("autoscaler.metrics.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How far behind the newest sample another sample may arrive and still"
                                    + " be counted (watermark delay). 0 expects samples in order.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("autoscaler.metrics.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A metrics partition without records for this long stops holding back"
                                    + " the watermark. 0 disables idleness detection.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            ConfigOptions.key("autoscaler.metrics.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "A sample whose timestamp is further than this ahead of the time it was"
                                + " received is refused (TIMESTAMP_IN_FUTURE): the broker's append"
                                + " time if the topic uses LogAppendTime, otherwise the job's"
                                + " clock, never the producer's record timestamp. At most"
                                + " autoscaler.metrics.max-out-of-orderness, so that no producer's"
                                + " clock can drag the watermark ahead of the others' samples.");

    public static final ConfigOption<Integer> MAX_INSTANCES =
            ConfigOptions.key("autoscaler.metrics.max-instances")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "The most distinct instance ids one service may report from in a region"
                                + " within one slide. A sample from one more is dead-lettered"
                                + " (TOO_MANY_INSTANCES); those already reporting are kept. Bounds"
                                + " the state a flood of fake instance ids can create. Also the"
                                + " deployment's hard limit: a policy whose max_instances,"
                                + " max_relays, max_nodes or schedule bounds exceed it is"
                                + " rejected.");

    public static final ConfigOption<Integer> MAX_SERVICES =
            ConfigOptions.key("autoscaler.metrics.max-services")
                    .intType()
                    .defaultValue(250_000)
                    .withDescription(
                            "The most services (service and region pairs) each parallel instance of"
                                + " the window operator tracks; at parallelism 1, the platform's"
                                + " bound. A sample from one more is dead-lettered"
                                + " (TOO_MANY_SERVICES) while those tracked keep reporting; a"
                                + " service silent for autoscaler.state.idle-retention frees its"
                                + " place. Bounds the state a flood of fake service names can"
                                + " create.");

    // ---- Windows and trend ------------------------------------------------------------------

    public static final ConfigOption<Duration> WINDOW_SIZE =
            ConfigOptions.key("autoscaler.window.size")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "Length of the sliding event-time window the metrics are averaged"
                                    + " over.");

    public static final ConfigOption<Duration> WINDOW_SLIDE =
            ConfigOptions.key("autoscaler.window.slide")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(15))
                    .withDescription(
                            "Slide of the window: the evaluation interval (the HPA's 15 s sync"
                                    + " period). Must divide the window size.");

    public static final ConfigOption<Duration> DECISION_TIMEOUT =
            ConfigOptions.key("autoscaler.window.decision-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "A window is decided when event time passes its end, so that the CEP"
                                + " patterns' matches on it are in. If event time stands still for"
                                + " this long on the wall clock after the window arrived (an idle"
                                + " input can hold it back), the window is decided without waiting"
                                + " further; while event time moves (a backlog, a slower pattern"
                                + " operator), the window waits for it.");

    public static final ConfigOption<Integer> TREND_WINDOWS =
            ConfigOptions.key("autoscaler.trend.windows")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "How many recent windows the load trend (least-squares slope) is fitted"
                                    + " over.");

    // ---- Compute scaler ---------------------------------------------------------------------

    public static final ConfigOption<Double> COMPUTE_TARGET_CPU =
            ConfigOptions.key("autoscaler.compute.target-cpu")
                    .doubleType()
                    .defaultValue(70.0)
                    .withDescription(
                            "Mean CPU utilization to hold, in percent of the instance's request. 0"
                                    + " ignores CPU.");

    public static final ConfigOption<Double> COMPUTE_TARGET_MEMORY =
            ConfigOptions.key("autoscaler.compute.target-memory")
                    .doubleType()
                    .defaultValue(80.0)
                    .withDescription(
                            "Mean memory utilization to hold, in percent. 0 ignores memory.");

    public static final ConfigOption<Double> COMPUTE_TARGET_REQUESTS =
            ConfigOptions.key("autoscaler.compute.target-requests-per-instance")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Requests per second one instance should serve. 0 ignores the request"
                                + " rate; set it to about 70 % of what one instance can serve.");

    public static final ConfigOption<Double> COMPUTE_TARGET_RESPONSE_TIME =
            ConfigOptions.key("autoscaler.compute.target-response-time-ms")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Mean response time, in ms, to stay under. Above it (beyond the"
                                    + " tolerance) capacity grows in proportion; below it the other"
                                    + " targets decide. 0 ignores response time.");

    public static final ConfigOption<Double> COMPUTE_TOLERANCE =
            ConfigOptions.key("autoscaler.compute.tolerance")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription(
                            "Tolerance band, as a fraction: no scaling while observed/target is"
                                    + " within 1 ± this. 0 reacts to any deviation.");

    public static final ConfigOption<Integer> COMPUTE_MIN_INSTANCES =
            ConfigOptions.key("autoscaler.compute.min-instances")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Fewest instances per service and region (at least 1).");

    public static final ConfigOption<Integer> COMPUTE_MAX_INSTANCES =
            ConfigOptions.key("autoscaler.compute.max-instances")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Most instances per service and region.");

    public static final ConfigOption<Duration> COMPUTE_SCALE_UP_STABILIZATION =
            ConfigOptions.key("autoscaler.compute.scale-up.stabilization")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Scale-ups go no higher than the lowest recommendation within this"
                                    + " window. 0 scales up immediately.");

    public static final ConfigOption<Duration> COMPUTE_SCALE_DOWN_STABILIZATION =
            ConfigOptions.key("autoscaler.compute.scale-down.stabilization")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(300))
                    .withDescription(
                            "Scale-downs go no lower than the highest recommendation within this"
                                    + " window. 0 scales down immediately.");

    public static final ConfigOption<Duration> COMPUTE_COOLDOWN =
            ConfigOptions.key("autoscaler.compute.cooldown")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(300))
                    .withDescription(
                            "No scale-down sooner than this after any scaling action (scale-ups are"
                                + " paced by the rate limits instead). 0 disables the cooldown.");

    public static final ConfigOption<String> COMPUTE_SCALE_UP_RATE_LIMITS =
            ConfigOptions.key("autoscaler.compute.scale-up.rate-limits")
                    .stringType()
                    .defaultValue("100%/15s,4/15s")
                    .withDescription(
                            "Scale-up rate limits: comma-separated 'N/period' (instances) or"
                                + " 'P%/period' (percent of the capacity at the period's start);"
                                + " period in s, m or h.");

    public static final ConfigOption<ScalingRules.Select> COMPUTE_SCALE_UP_SELECT =
            ConfigOptions.key("autoscaler.compute.scale-up.select-policy")
                    .enumType(ScalingRules.Select.class)
                    .defaultValue(ScalingRules.Select.MAX)
                    .withDescription(
                            "Which scale-up rate limit wins: MAX (the one allowing most), MIN, or"
                                    + " DISABLED (never scale up).");

    public static final ConfigOption<String> COMPUTE_SCALE_DOWN_RATE_LIMITS =
            ConfigOptions.key("autoscaler.compute.scale-down.rate-limits")
                    .stringType()
                    .defaultValue("100%/15s")
                    .withDescription(
                            "Scale-down rate limits, in the same form as the scale-up ones.");

    public static final ConfigOption<ScalingRules.Select> COMPUTE_SCALE_DOWN_SELECT =
            ConfigOptions.key("autoscaler.compute.scale-down.select-policy")
                    .enumType(ScalingRules.Select.class)
                    .defaultValue(ScalingRules.Select.MAX)
                    .withDescription(
                            "Which scale-down rate limit wins: MAX (the one allowing most), MIN, or"
                                    + " DISABLED (never scale down).");

    // ---- WebRTC relays (when no policy applies) ------------------------------------------------

    public static final ConfigOption<Integer> WEBRTC_MIN_RELAYS =
            ConfigOptions.key("autoscaler.webrtc.min-relays")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Fewest relays a WebRTC service keeps in a region.");

    public static final ConfigOption<Integer> WEBRTC_MAX_RELAYS =
            ConfigOptions.key("autoscaler.webrtc.max-relays")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Most relays a WebRTC service may have in a region.");

    public static final ConfigOption<Double> WEBRTC_CONNECTIONS_PER_RELAY =
            ConfigOptions.key("autoscaler.webrtc.connections-per-relay")
                    .doubleType()
                    .defaultValue(1000.0)
                    .withDescription(
                            "Media connections one relay carries; the relays needed are at least"
                                    + " connections / this.");

    public static final ConfigOption<Double> WEBRTC_BANDWIDTH_PER_RELAY =
            ConfigOptions.key("autoscaler.webrtc.bandwidth-per-relay-bps")
                    .doubleType()
                    .defaultValue(1e9)
                    .withDescription(
                            "Bandwidth one relay carries, bit/s; the relays needed are at least"
                                    + " bandwidth / this.");

    public static final ConfigOption<Double> WEBRTC_MAX_PACKET_LOSS =
            ConfigOptions.key("autoscaler.webrtc.max-packet-loss")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Packet loss (a share: 0.02 is 2 %) above which the relays are under"
                                    + " pressure and grow by the pressure step.");

    public static final ConfigOption<Double> WEBRTC_MAX_LATENCY_MS =
            ConfigOptions.key("autoscaler.webrtc.max-latency-ms")
                    .doubleType()
                    .defaultValue(150.0)
                    .withDescription(
                            "Latency, ms, above which the relays are under pressure and grow by the"
                                    + " pressure step.");

    public static final ConfigOption<Double> WEBRTC_SCALE_DOWN_MARGIN =
            ConfigOptions.key("autoscaler.webrtc.scale-down-margin")
                    .doubleType()
                    .defaultValue(0.7)
                    .withDescription(
                            "Relays scale down only when the need falls below this share of the"
                                    + " current relays (moving calls between relays drops media). 1"
                                    + " scales down at any surplus.");

    public static final ConfigOption<Double> WEBRTC_PRESSURE_STEP =
            ConfigOptions.key("autoscaler.webrtc.pressure-step")
                    .doubleType()
                    .defaultValue(0.2)
                    .withDescription(
                            "Share of the current relays (at least one) added under packet-loss or"
                                    + " latency pressure.");

    public static final ConfigOption<Duration> WEBRTC_COOLDOWN =
            ConfigOptions.key("autoscaler.webrtc.cooldown")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(300))
                    .withDescription(
                            "No relay scale-down within this long of the last action (a policy sets"
                                + " it with behavior.scale_down.stabilization_s). 0 disables the"
                                + " cooldown.");

    // ---- Database pools (when no policy applies) -----------------------------------------------

    public static final ConfigOption<Integer> DATABASE_MIN_CONNECTIONS =
            ConfigOptions.key("autoscaler.database.min-connections")
                    .intType()
                    .defaultValue(10)
                    .withDescription("Smallest connection pool a database keeps in a region.");

    public static final ConfigOption<Integer> DATABASE_MAX_CONNECTIONS =
            ConfigOptions.key("autoscaler.database.max-connections")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Largest connection pool a database may have in a region.");

    public static final ConfigOption<Integer> DATABASE_CONNECTIONS_PER_WORKER =
            ConfigOptions.key("autoscaler.database.connections-per-worker")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Connections the pool holds per compute worker it serves: pool ="
                                    + " workers x this.");

    public static final ConfigOption<Double> DATABASE_TARGET_QUEUE_DEPTH =
            ConfigOptions.key("autoscaler.database.target-queue-depth")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "Mean queued queries per proxy above which the pool is under"
                                    + " pressure.");

    public static final ConfigOption<Double> DATABASE_TARGET_QUERY_TIME_MS =
            ConfigOptions.key("autoscaler.database.target-query-time-ms")
                    .doubleType()
                    .defaultValue(50.0)
                    .withDescription(
                            "Mean query time, ms, above which the pool is under pressure.");

    public static final ConfigOption<Double> DATABASE_MAX_REPLICATION_LAG_S =
            ConfigOptions.key("autoscaler.database.max-replication-lag-s")
                    .doubleType()
                    .defaultValue(10.0)
                    .withDescription(
                            "Replication lag, s, beyond which the pool never grows: more"
                                    + " connections would load the lagging replicas further.");

    public static final ConfigOption<Duration> DATABASE_IDLE_TIMEOUT =
            ConfigOptions.key("autoscaler.database.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(300))
                    .withDescription(
                            "The pool shrinks only after it has been larger than needed for this"
                                    + " long.");

    public static final ConfigOption<Duration> DATABASE_PRESSURE_DURATION =
            ConfigOptions.key("autoscaler.database.pressure-duration")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "Queue depth or query time must stay above target this long before the"
                                    + " pool grows by the growth step. 0 grows at the first window"
                                    + " under pressure.");

    public static final ConfigOption<Double> DATABASE_GROWTH_STEP =
            ConfigOptions.key("autoscaler.database.growth-step")
                    .doubleType()
                    .defaultValue(0.2)
                    .withDescription(
                            "Share of the pool (at least one connection) added under sustained"
                                    + " pressure.");

    // ---- Caches (when no policy applies) -------------------------------------------------------

    public static final ConfigOption<Integer> CACHE_MIN_NODES =
            ConfigOptions.key("autoscaler.cache.min-nodes")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Fewest nodes a cache keeps in a region.");

    public static final ConfigOption<Integer> CACHE_MAX_NODES =
            ConfigOptions.key("autoscaler.cache.max-nodes")
                    .intType()
                    .defaultValue(20)
                    .withDescription("Most nodes a cache may have in a region.");

    public static final ConfigOption<Double> CACHE_MEMORY_PER_NODE_GIB =
            ConfigOptions.key("autoscaler.cache.memory-per-node-gib")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription("Memory of one cache node, GiB.");

    public static final ConfigOption<Double> CACHE_HEADROOM =
            ConfigOptions.key("autoscaler.cache.headroom")
                    .doubleType()
                    .defaultValue(0.25)
                    .withDescription(
                            "Memory kept free, as a share of the data: nodes = ceil(used memory x"
                                    + " (1 + headroom) / memory per node).");

    public static final ConfigOption<Double> CACHE_LOW_HIT_RATE =
            ConfigOptions.key("autoscaler.cache.low-hit-rate")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription(
                            "A hit rate below this, with evictions below the low eviction rate,"
                                + " means the cache is larger than useful: it offers nodes back.");

    public static final ConfigOption<Double> CACHE_LOW_EVICTION_RATE =
            ConfigOptions.key("autoscaler.cache.low-eviction-rate")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "Evictions per second below which the cache is not short of memory;"
                                    + " above it (and rising) while the hit rate falls, a node is"
                                    + " added.");

    public static final ConfigOption<Double> CACHE_SCALE_DOWN_SHARE =
            ConfigOptions.key("autoscaler.cache.scale-down-share")
                    .doubleType()
                    .defaultValue(0.8)
                    .withDescription(
                            "A scale-down keeps at least this share of the current nodes: one step"
                                    + " at a time.");

    public static final ConfigOption<Double> CACHE_EVICTION_RISE =
            ConfigOptions.key("autoscaler.cache.eviction-rise")
                    .doubleType()
                    .defaultValue(1.2)
                    .withDescription(
                            "Evictions at least this factor above the previous window count as"
                                    + " climbing.");

    public static final ConfigOption<Duration> CACHE_COOLDOWN =
            ConfigOptions.key("autoscaler.cache.cooldown")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(300))
                    .withDescription(
                            "No cache scale-down within this long of the last action (a policy sets"
                                + " it with behavior.scale_down.stabilization_s). 0 disables the"
                                + " cooldown.");

    // ---- Alerts --------------------------------------------------------------------------------

    public static final ConfigOption<Duration> ALERTS_FAILURE_SPAN =
            ConfigOptions.key("autoscaler.alerts.failure-span")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "The span over which a service's scaling failure rate is measured.");

    public static final ConfigOption<Double> ALERTS_FAILURE_THRESHOLD =
            ConfigOptions.key("autoscaler.alerts.failure-threshold")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription(
                            "A SCALING_FAILURES alert (critical) fires when more than this share of"
                                    + " a service's commands failed within the failure span.");

    // ---- State and commands -----------------------------------------------------------------

    public static final ConfigOption<Duration> IDLE_STATE_RETENTION =
            ConfigOptions.key("autoscaler.state.idle-retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "A service and region with no samples for this long (event time) has"
                                + " its scaler state cleared; if it comes back it starts afresh.");

    public static final ConfigOption<Duration> COMMAND_IN_FLIGHT_TIMEOUT =
            ConfigOptions.key("autoscaler.commands.in-flight-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "A command is in flight, and its service locked, until the actuator"
                                + " reports its result, the reporting instances reach its target,"
                                + " or this much event time has passed. A decision for a locked"
                                + " service is suppressed (LOCKED, or DUPLICATE_IN_FLIGHT for the"
                                + " same target) and goes out once the lock is released.");

    // ---- Coordinator ------------------------------------------------------------------------

    public static final ConfigOption<String> PLATFORM =
            ConfigOptions.key("autoscaler.platform")
                    .stringType()
                    .defaultValue("waddle")
                    .withDescription(
                            "The platform (or tenant) this job scales: the coordinator's key. Every"
                                    + " decision of the job is coordinated under it.");

    public static final ConfigOption<String> COORDINATOR_DEPENDENCIES =
            ConfigOptions.key("autoscaler.coordinator.dependencies")
                    .stringType()
                    .defaultValue("compute->cache,compute->database,webrtc->compute")
                    .withDescription(
                            "Which kinds need which before they grow, as kind->kind pairs."
                                    + " Commands go out dependencies first; a cycle is refused at"
                                    + " start, naming it. Compute's cache and database dependencies"
                                    + " also carry the readiness rules below.");

    public static final ConfigOption<Integer> COORDINATOR_CONNECTIONS_PER_INSTANCE =
            ConfigOptions.key("autoscaler.coordinator.connections-per-compute-instance")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Database connections one compute instance uses: a pool never shrinks"
                                    + " below this times the region's compute instances.");

    public static final ConfigOption<Double> COORDINATOR_DATABASE_HEADROOM =
            ConfigOptions.key("autoscaler.coordinator.database-headroom")
                    .doubleType()
                    .defaultValue(1.2)
                    .withDescription(
                            "A compute scale-up to N waits until the region's pool has this times"
                                + " connections-per-compute-instance times N; the pool's scale-up"
                                + " goes out first.");

    public static final ConfigOption<Double> COORDINATOR_CACHE_GIB_PER_INSTANCE =
            ConfigOptions.key("autoscaler.coordinator.cache-gib-per-compute-instance")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription(
                            "Cache memory, in GiB, one compute instance uses: a cache never shrinks"
                                    + " below what the region's compute instances use.");

    public static final ConfigOption<Double> COORDINATOR_CACHE_HEADROOM =
            ConfigOptions.key("autoscaler.coordinator.cache-headroom")
                    .doubleType()
                    .defaultValue(1.3)
                    .withDescription(
                            "A compute scale-up to N waits until the region's cache has this times"
                                    + " cache-gib-per-compute-instance times N GiB of memory.");

    public static final ConfigOption<Double> COORDINATOR_CACHE_GIB_PER_NODE =
            ConfigOptions.key("autoscaler.coordinator.cache-gib-per-node")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription("Memory of one cache node, in GiB.");

    public static final ConfigOption<Duration> COORDINATOR_SILENCE_TIMEOUT =
            ConfigOptions.key("autoscaler.coordinator.silence-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "A service and region with no decision for this long (event time) has"
                                + " stopped sending metrics: its capacity is held, never scaled"
                                + " down for want of data, and one METRICS_SILENT event says so.");

    public static final ConfigOption<String> COORDINATOR_SCOPE =
            ConfigOptions.key("autoscaler.coordinator.scope")
                    .stringType()
                    .defaultValue("platform")
                    .withDescription(
                            "What one coordinator sees: platform (every region in one round and one"
                                + " subtask; global maximums need it) or region (each region its"
                                + " own round and state, so that a platform of many regions spreads"
                                + " over the coordinator's subtasks; refused with a global"
                                + " maximum). A change needs a fresh start: state kept under the"
                                + " other scope is not found.");

    public static final ConfigOption<String> COORDINATOR_GLOBAL_MAX =
            ConfigOptions.key("autoscaler.coordinator.global-max")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Per service, its total maximum across regions, e.g."
                                + " media-relay=60,chat-api=200. Capacity goes to the regions with"
                                + " demand, largest first, each capped at its own need.");

    public static final ConfigOption<Double> COORDINATOR_REBALANCE_THRESHOLD =
            ConfigOptions.key("autoscaler.coordinator.rebalance-threshold")
                    .doubleType()
                    .defaultValue(0.2)
                    .withDescription(
                            "At its global maximum, a service whose placement is off the optimal"
                                    + " one by more than this share is rebalanced (rebalance"
                                    + " decisions with the target distribution); below it, only"
                                    + " scale-ups are trimmed.");

    public static final ConfigOption<Duration> COORDINATOR_ROUND_TIMEOUT =
            ConfigOptions.key("autoscaler.coordinator.round-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "Wall-clock time after the first decision of a window reaches the"
                                + " coordinator by which the window's round goes out even if the"
                                + " watermark has not passed the window's end (an idle input can"
                                + " hold it back), if event time also stood still that long; while"
                                + " it moves, the round waits for it. Normally the watermark comes"
                                + " first.");

    // ---- Patterns (Flink CEP) and alerts ----------------------------------------------------

    public static final ConfigOption<Boolean> SPIKE_ENABLED =
            ConfigOptions.key("autoscaler.spike.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether a spike in a compute service's request rate triggers an"
                                    + " emergency scale-up (a policy's spike.enabled overrides).");

    public static final ConfigOption<Double> SPIKE_MIN_RISE_PERCENT =
            ConfigOptions.key("autoscaler.spike.min-rise-percent")
                    .doubleType()
                    .defaultValue(50.0)
                    .withDescription(
                            "A spike: the windowed request rate rises at least this many percent"
                                    + " (policy: spike.min_rise_percent)...");

    public static final ConfigOption<Duration> SPIKE_WITHIN =
            ConfigOptions.key("autoscaler.spike.within")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "...within this time, at most 10 min (policy: spike.within_s)...");

    public static final ConfigOption<Double> SPIKE_MIN_BASE_RATE =
            ConfigOptions.key("autoscaler.spike.min-base-rate")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription(
                            "...from a rate of at least this many requests per second; below it a"
                                    + " rise is noise (policy: spike.min_base_rate).");

    public static final ConfigOption<Double> SPIKE_EMERGENCY_MAX_FACTOR =
            ConfigOptions.key("autoscaler.spike.emergency-max-factor")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "The emergency rate limit: an emergency scale-up goes to at most this"
                                    + " times the current capacity, and never above the max"
                                    + " (policy: spike.emergency_max_factor).");

    public static final ConfigOption<Double> SPIKE_MAX_EXTRAPOLATION =
            ConfigOptions.key("autoscaler.spike.max-extrapolation")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "The most the observed growth is projected to multiply the load by"
                                    + " over the provisioning delay.");

    public static final ConfigOption<Integer> SPIKE_MIN_STEP =
            ConfigOptions.key("autoscaler.spike.min-step")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "An emergency scale-up adds at least this many instances to the"
                                    + " current capacity.");

    public static final ConfigOption<Duration> PROVISIONING_DELAY =
            ConfigOptions.key("autoscaler.spike.provisioning-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "How long new capacity takes to serve: an emergency scale-up is sized"
                                    + " for the load expected by then (policy:"
                                    + " spike.provisioning_delay_s).");

    public static final ConfigOption<Double> SUSTAINED_LOW_CPU =
            ConfigOptions.key("autoscaler.sustained-low.cpu-percent")
                    .doubleType()
                    .defaultValue(30.0)
                    .withDescription(
                            "CPU under which a compute service is low; low for its whole"
                                    + " scale-down stabilization window makes it a scale-down"
                                    + " candidate (policy: compute.scale_down_threshold_percent).");

    public static final ConfigOption<Integer> OSCILLATION_LAST_ACTIONS =
            ConfigOptions.key("autoscaler.oscillation.last-actions")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Oscillation: more than max-changes direction changes among a"
                                    + " service's last this many scaling actions...");

    public static final ConfigOption<Integer> OSCILLATION_MAX_CHANGES =
            ConfigOptions.key("autoscaler.oscillation.max-changes")
                    .intType()
                    .defaultValue(5)
                    .withDescription("...where this many are still tolerated...");

    public static final ConfigOption<Integer> OSCILLATION_MAX_FLIPS =
            ConfigOptions.key("autoscaler.oscillation.max-flips")
                    .intType()
                    .defaultValue(4)
                    .withDescription("...or this many direction changes within flip-window.");

    public static final ConfigOption<Duration> OSCILLATION_FLIP_WINDOW =
            ConfigOptions.key("autoscaler.oscillation.flip-window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("The time span of max-flips.");

    public static final ConfigOption<Double> OSCILLATION_MAX_DAMPING =
            ConfigOptions.key("autoscaler.oscillation.max-damping")
                    .doubleType()
                    .defaultValue(8.0)
                    .withDescription(
                            "Each oscillation doubles the service's damping, up to this: its"
                                + " scale-down stabilization and cooldown are multiplied by the"
                                + " damping (scale-ups are not slowed). 1 turns damping off (the"
                                + " alert stays).");

    public static final ConfigOption<Duration> OSCILLATION_CALM_PERIOD =
            ConfigOptions.key("autoscaler.oscillation.calm-period")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "After this long without oscillating, a service's damping halves, and"
                                    + " its oscillation alert is resolved.");

    public static final ConfigOption<String> ALERTS_TOPIC =
            ConfigOptions.key("autoscaler.topics.alerts")
                    .stringType()
                    .defaultValue("waddle.alerts")
                    .withDescription(
                            "Topic of alerts for operators (JSON, keyed by service/region): raised"
                                    + " once per condition and service, resolved once.");

    // ---- InfluxDB -----------------------------------------------------------------------------

    public static final ConfigOption<String> INFLUX_URL =
            ConfigOptions.key("autoscaler.influx.url")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "InfluxDB 1.x to copy every decision to, e.g. http://127.0.0.1:8086;"
                                    + " empty: none. Writes are asynchronous and never hold the job"
                                    + " back: what InfluxDB cannot take is dropped and counted"
                                    + " (influxPointsDropped); the events topic stays complete.");

    public static final ConfigOption<String> INFLUX_DATABASE =
            ConfigOptions.key("autoscaler.influx.database")
                    .stringType()
                    .defaultValue("waddle")
                    .withDescription("The InfluxDB database; created if it does not exist.");

    public static final ConfigOption<String> INFLUX_USERNAME =
            ConfigOptions.key("autoscaler.influx.username")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "InfluxDB user, for a server with auth-enabled; empty: no"
                                    + " authentication.");

    public static final ConfigOption<String> INFLUX_PASSWORD_FILE =
            ConfigOptions.key("autoscaler.influx.password-file")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "A file whose first line is the InfluxDB user's password, read on each"
                                    + " TaskManager when its writer opens; the password never"
                                    + " enters the configuration, the job graph or a log. Empty:"
                                    + " see autoscaler.influx.password-env.");

    public static final ConfigOption<String> INFLUX_PASSWORD_ENV =
            ConfigOptions.key("autoscaler.influx.password-env")
                    .stringType()
                    .defaultValue("WADDLE_INFLUX_PASSWORD")
                    .withDescription(
                            "The environment variable holding the InfluxDB password, read on each"
                                    + " TaskManager, when autoscaler.influx.username is set and no"
                                    + " password file is given.");

    public static final ConfigOption<Integer> INFLUX_BUFFER =
            ConfigOptions.key("autoscaler.influx.buffer")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Points buffered per parallel instance while InfluxDB is slow; beyond"
                                    + " it new points are dropped and counted.");

    public static final ConfigOption<Integer> INFLUX_BATCH =
            ConfigOptions.key("autoscaler.influx.batch")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Points written to InfluxDB in one request at most.");

    public static final ConfigOption<Duration> INFLUX_TIMEOUT =
            ConfigOptions.key("autoscaler.influx.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Connect, read and write timeout of one InfluxDB request; a batch that"
                                    + " times out is dropped and counted.");

    /** Every option above, in declaration order: the source of the README's table. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : AutoscalerOptions.class.getFields()) {
            if (f.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /**
     * The compute scaler's settings, checked; throws IllegalArgumentException naming the problem.
     */
    public static ComputeScalerConfig computeScaler(ReadableConfig conf) {
        return new ComputeScalerConfig(
                conf.get(COMPUTE_TARGET_CPU),
                conf.get(COMPUTE_TARGET_MEMORY),
                conf.get(COMPUTE_TARGET_REQUESTS),
                new Tolerance(conf.get(COMPUTE_TOLERANCE)),
                conf.get(COMPUTE_MIN_INSTANCES),
                conf.get(COMPUTE_MAX_INSTANCES),
                conf.get(COMPUTE_SCALE_UP_STABILIZATION),
                conf.get(COMPUTE_SCALE_DOWN_STABILIZATION),
                conf.get(COMPUTE_COOLDOWN),
                rules(conf.get(COMPUTE_SCALE_UP_RATE_LIMITS), conf.get(COMPUTE_SCALE_UP_SELECT)),
                rules(
                        conf.get(COMPUTE_SCALE_DOWN_RATE_LIMITS),
                        conf.get(COMPUTE_SCALE_DOWN_SELECT)),
                conf.get(COMPUTE_TARGET_RESPONSE_TIME));
    }

    /** The coordinator's settings, checked; throws IllegalArgumentException naming the problem. */
    public static CoordinatorConfig coordinator(ReadableConfig conf) {
        double gib = 1L << 30;
        Readiness readiness =
                new Readiness(
                        conf.get(COORDINATOR_CONNECTIONS_PER_INSTANCE),
                        conf.get(COORDINATOR_DATABASE_HEADROOM),
                        conf.get(COORDINATOR_CACHE_GIB_PER_INSTANCE) * gib,
                        conf.get(COORDINATOR_CACHE_HEADROOM),
                        conf.get(COORDINATOR_CACHE_GIB_PER_NODE) * gib);
        DependencyGraph graph;
        try {
            graph = DependencyGraph.parse(conf.get(COORDINATOR_DEPENDENCIES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    COORDINATOR_DEPENDENCIES.key() + ": " + e.getMessage(), e);
        }
        return new CoordinatorConfig(
                graph,
                readiness,
                conf.get(COMMAND_IN_FLIGHT_TIMEOUT),
                conf.get(COORDINATOR_SILENCE_TIMEOUT),
                CoordinatorConfig.parseGlobalMax(conf.get(COORDINATOR_GLOBAL_MAX)),
                conf.get(COORDINATOR_REBALANCE_THRESHOLD),
                conf.get(IDLE_STATE_RETENTION));
    }

    /** What one coordinator sees ({@link #COORDINATOR_SCOPE}), checked. */
    public static CoordinatorScope coordinatorScope(ReadableConfig conf) {
        try {
            return CoordinatorScope.parse(
                    conf.get(COORDINATOR_SCOPE),
                    CoordinatorConfig.parseGlobalMax(conf.get(COORDINATOR_GLOBAL_MAX)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COORDINATOR_SCOPE.key() + ": " + e.getMessage(), e);
        }
    }

    /** The job-wide pattern settings (a policy may override the spike's), checked. */
    public static PatternSettings patterns(ReadableConfig conf) {
        Duration within = conf.get(SPIKE_WITHIN);
        if (within.compareTo(PatternHorizons.MAX_SPIKE_SPAN) > 0) {
            throw new IllegalArgumentException(
                    SPIKE_WITHIN.key() + " must be at most " + PatternHorizons.MAX_SPIKE_SPAN);
        }
        try {
            return new PatternSettings(
                    conf.get(SPIKE_ENABLED),
                    new SpikeRule.Config(
                            conf.get(SPIKE_MIN_RISE_PERCENT) / 100,
                            within,
                            conf.get(SPIKE_MIN_BASE_RATE),
                            conf.get(SPIKE_MAX_EXTRAPOLATION),
                            conf.get(SPIKE_EMERGENCY_MAX_FACTOR),
                            conf.get(SPIKE_MIN_STEP)),
                    conf.get(PROVISIONING_DELAY),
                    conf.get(SUSTAINED_LOW_CPU),
                    new OscillationRule.Config(
                            conf.get(OSCILLATION_LAST_ACTIONS),
                            conf.get(OSCILLATION_MAX_CHANGES),
                            conf.get(OSCILLATION_MAX_FLIPS),
                            conf.get(OSCILLATION_FLIP_WINDOW),
                            conf.get(OSCILLATION_MAX_DAMPING),
                            conf.get(OSCILLATION_CALM_PERIOD),
                            conf.get(IDLE_STATE_RETENTION)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "autoscaler.spike.* / autoscaler.oscillation.*: " + e.getMessage(), e);
        }
    }

    private static ScalingRules rules(String text, ScalingRules.Select select) {
        List<RatePolicy> policies =
                Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(RatePolicy::parse)
                        .toList();
        return new ScalingRules(policies, select);
    }

    /**
     * Every setting of a service's evaluation when no policy is in force: the job's own ({@link
     * PolicyRef#BUILTIN}).
     */
    public static ServiceSettings serviceSettings(ReadableConfig conf) {
        return new ServiceSettings(
                PolicyRef.BUILTIN,
                computeScaler(conf),
                patterns(conf),
                webrtc(conf),
                database(conf),
                cache(conf));
    }

    /** The WebRTC relay scaler's settings when no policy applies. */
    public static WebRtcRelayScaler.Config webrtc(ReadableConfig conf) {
        return new WebRtcRelayScaler.Config(
                conf.get(WEBRTC_MIN_RELAYS),
                conf.get(WEBRTC_MAX_RELAYS),
                conf.get(WEBRTC_CONNECTIONS_PER_RELAY),
                conf.get(WEBRTC_BANDWIDTH_PER_RELAY),
                conf.get(WEBRTC_MAX_PACKET_LOSS),
                conf.get(WEBRTC_MAX_LATENCY_MS),
                conf.get(WEBRTC_SCALE_DOWN_MARGIN),
                conf.get(WEBRTC_PRESSURE_STEP),
                conf.get(WEBRTC_COOLDOWN));
    }

    /** The connection-pool scaler's settings when no policy applies. */
    public static DatabasePoolScaler.Config database(ReadableConfig conf) {
        return new DatabasePoolScaler.Config(
                conf.get(DATABASE_MIN_CONNECTIONS),
                conf.get(DATABASE_MAX_CONNECTIONS),
                conf.get(DATABASE_CONNECTIONS_PER_WORKER),
                conf.get(DATABASE_TARGET_QUEUE_DEPTH),
                conf.get(DATABASE_TARGET_QUERY_TIME_MS),
                conf.get(DATABASE_MAX_REPLICATION_LAG_S),
                conf.get(DATABASE_IDLE_TIMEOUT),
                conf.get(DATABASE_PRESSURE_DURATION),
                conf.get(DATABASE_GROWTH_STEP));
    }

    /** The cache scaler's settings when no policy applies. */
    public static CacheScaler.Config cache(ReadableConfig conf) {
        return new CacheScaler.Config(
                conf.get(CACHE_MIN_NODES),
                conf.get(CACHE_MAX_NODES),
                conf.get(CACHE_MEMORY_PER_NODE_GIB) * (1L << 30),
                conf.get(CACHE_HEADROOM),
                conf.get(CACHE_LOW_HIT_RATE),
                conf.get(CACHE_LOW_EVICTION_RATE),
                conf.get(CACHE_SCALE_DOWN_SHARE),
                conf.get(CACHE_EVICTION_RISE),
                conf.get(CACHE_COOLDOWN));
    }

    /** The alerts' settings, checked. */
    public static AlertSettings alerts(ReadableConfig conf) {
        return new AlertSettings(
                conf.get(OSCILLATION_CALM_PERIOD),
                conf.get(ALERTS_FAILURE_SPAN),
                conf.get(ALERTS_FAILURE_THRESHOLD));
    }
}
