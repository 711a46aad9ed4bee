package io.waddle.autoscaler.jobs;

import static io.waddle.autoscaler.config.AutoscalerOptions.IDLE_STATE_RETENTION;
import static io.waddle.autoscaler.config.AutoscalerOptions.PLATFORM;
import static io.waddle.autoscaler.config.AutoscalerOptions.TREND_WINDOWS;
import static io.waddle.autoscaler.config.AutoscalerOptions.WINDOW_SIZE;
import static io.waddle.autoscaler.config.AutoscalerOptions.WINDOW_SLIDE;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.coordination.CoordinatorConfig;
import io.waddle.autoscaler.core.coordination.CoordinatorScope;
import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.ActuationResult;
import io.waddle.autoscaler.core.model.Alert;
import io.waddle.autoscaler.core.model.AlertInput;
import io.waddle.autoscaler.core.model.CoordinatorInput;
import io.waddle.autoscaler.core.model.DeadLetter;
import io.waddle.autoscaler.core.model.Decision;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PolicyRecord;
import io.waddle.autoscaler.core.model.ScalerInput;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.core.policy.PolicyUpdate;
import io.waddle.autoscaler.core.scaling.OscillationRule;
import io.waddle.autoscaler.core.scaling.PatternSettings;
import io.waddle.autoscaler.core.scaling.ServiceSettings;
import io.waddle.autoscaler.flink.ActionSequencer;
import io.waddle.autoscaler.flink.AlertFunction;
import io.waddle.autoscaler.flink.CoordinatorFunction;
import io.waddle.autoscaler.flink.InfluxSink;
import io.waddle.autoscaler.flink.IngestRouter;
import io.waddle.autoscaler.flink.LateSampleRouter;
import io.waddle.autoscaler.flink.LoadTagger;
import io.waddle.autoscaler.flink.PolicyBookFunction;
import io.waddle.autoscaler.flink.PolicyScalingFunction;
import io.waddle.autoscaler.flink.SlideWatermarks;
import io.waddle.autoscaler.flink.SlidingWindowFunction;
import io.waddle.autoscaler.flink.cep.ScalingPatterns;
import io.waddle.autoscaler.influx.InfluxPoints;
import io.waddle.autoscaler.influx.InfluxRow;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The autoscaler's dataflow, from metric records to commands, events and dead letters. Sources and
 * sinks are arguments: Kafka in production ({@link KafkaConnectors}), anything in tests. Every
 * operator has a stable uid, so that savepoints survive changes to the job.
 *
 * <pre>
 * metrics ─▶ parse/validate ─┬─▶ keyBy(service/region) ─▶ sliding window ──────────▶ scalers ─▶ keyBy(platform) ─▶ coordinator ─┬─▶ commands
 *                            │                               └─ late ─┐            ▲ policies,            ▲ actuation results   └─▶ events
 *                            │                                        │            │ actuation results
 *                            └──────────────── refused ───────────────┴──────────────────────────────────────────────────────────────▶ dead letters
 * </pre>
 */
public final class AutoscalerPipeline {
    public static final String JOB_NAME = "waddle-autoscaler";

    private static final OutputTag<MetricSample> LATE_SAMPLES = new OutputTag<>("late-samples") {};
    private static final OutputTag<DeadLetter> OVER_LIMITS = new OutputTag<>("over-limits") {};
    private static final TypeInformation<CoordinatorInput> COORDINATOR_INPUT =
            TypeInformation.of(CoordinatorInput.class);
    private static final TypeInformation<ScalerInput> SCALER_INPUT =
            TypeInformation.of(ScalerInput.class);
    private static final TypeInformation<PatternMatch> PATTERN_MATCH =
            TypeInformation.of(PatternMatch.class);
    private static final TypeInformation<AlertInput> ALERT_INPUT =
            TypeInformation.of(AlertInput.class);
    private static final TypeInformation<InfluxRow> INFLUX_ROW =
            TypeInformation.of(InfluxRow.class);

    /**
     * Every record of the job belongs to the one platform it scales; its coordinator sees the
     * platform, or one region of it.
     */
    private record CoordinatorKey(String platform, CoordinatorScope scope)
            implements KeySelector<CoordinatorInput, String> {
        @Override
        public String getKey(CoordinatorInput in) {
            String region = in.decision() != null ? in.decision().region() : in.result().region();
            return scope.key(platform, region);
        }
    }

    private final JobSources sources;
    private final JobSinks sinks;
    private final Configuration conf;

    public AutoscalerPipeline(JobSources sources, JobSinks sinks, Configuration conf) {
        this.sources = sources;
        this.sinks = sinks;
        this.conf = conf;
    }

    /** Adds the dataflow to {@code env}. Checks every option first, failing with its name. */
    public void build(StreamExecutionEnvironment env) {
        ServiceSettings builtin = AutoscalerOptions.serviceSettings(conf);
        PatternSettings patterns = builtin.patterns();
        CoordinatorConfig coordinatorConfig = AutoscalerOptions.coordinator(conf);
        Duration size = conf.get(WINDOW_SIZE);
        Duration slide = conf.get(WINDOW_SLIDE);
        if (slide.isZero() || slide.isNegative() || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException(
                    WINDOW_SLIDE.key()
                            + " ("
                            + slide
                            + ") must be > 0 and divide "
                            + WINDOW_SIZE.key()
                            + " ("
                            + size
                            + ")");
        }
        MetricsEventTime.check(conf);

        // Every record the job passes between operators is an immutable Java record (the window
        // sums are mutable but never leave their state): chained operators need no defensive copy.
        env.getConfig().enableObjectReuse();

        SingleOutputStreamOperator<MetricSample> samples =
                env.fromSource(sources.metrics(), MetricsEventTime.watermarks(conf), "metrics")
                        .uid("metrics-source")
                        .process(new IngestRouter())
                        .uid("ingest-router")
                        .name("parse and validate");

        // Windows on panes: one state update per sample; then event time in whole slides.
        SingleOutputStreamOperator<WindowedMetrics> windowed =
                samples.keyBy(MetricSample::serviceRegionKey, Types.STRING)
                        .process(
                                new SlidingWindowFunction(
                                        size,
                                        slide,
                                        LATE_SAMPLES,
                                        OVER_LIMITS,
                                        conf.get(AutoscalerOptions.MAX_INSTANCES),
                                        conf.get(AutoscalerOptions.MAX_SERVICES),
                                        conf.get(IDLE_STATE_RETENTION)),
                                TypeInformation.of(WindowedMetrics.class))
                        .uid("windowed-metrics")
                        .name("sliding window per service and region");
        DataStream<WindowedMetrics> windows =
                windowed.transform(
                                "event time in slides",
                                TypeInformation.of(WindowedMetrics.class),
                                new SlideWatermarks<>(slide))
                        .uid("window-watermarks");

        DataStream<DeadLetter> late =
                windowed.getSideOutput(LATE_SAMPLES)
                        .process(new LateSampleRouter())
                        .uid("late-samples")
                        .name("late samples");

        // Each policy record is parsed and checked once, by its policy id, and its verdict reported
        // once; the changes reach every parallel instance of the operators that read the policies.
        // Neither stream holds event time back: they carry control records, not time. The
        // actuator's results come when commands are applied, which may be seldom; a result carries
        // its own time (applied_at) for the alerts, and the coordinator applies it at once.
        DataStream<ActuationResult> results =
                env.fromSource(
                                sources.actuationResults(),
                                BroadcastWatermarks.neverHoldBack(),
                                "actuation-results")
                        .uid("actuation-results-source");
        SingleOutputStreamOperator<PolicyUpdate> policyUpdates =
                env.fromSource(sources.policies(), BroadcastWatermarks.neverHoldBack(), "policies")
                        .uid("policies-source")
                        .keyBy(PolicyRecord::key, Types.STRING)
                        .process(
                                new PolicyBookFunction(conf.get(AutoscalerOptions.MAX_INSTANCES)),
                                TypeInformation.of(PolicyUpdate.class))
                        .uid("policy-book")
                        .name("policies (parsed and checked)");
        BroadcastStream<PolicyUpdate> policies =
                policyUpdates.broadcast(PolicyBookFunction.POLICIES);

        // The load patterns (Flink CEP) watch every compute window with the thresholds of the
        // policy in force; their matches reach the scalers before the watermark that passes the
        // window, so the window is decided with them.
        DataStream<LoadPoint> load =
                windows.connect(policies)
                        .process(new LoadTagger(builtin), TypeInformation.of(LoadPoint.class))
                        .uid("load-points")
                        .name("load points (with policies)");
        // Still partitioned by service and region, as the windows were: no shuffle, chained.
        KeyedStream<LoadPoint, String> keyedLoad =
                DataStreamUtils.reinterpretAsKeyedStream(
                        load, LoadPoint::serviceRegionKey, Types.STRING);
        DataStream<PatternMatch> spikes =
                CEP.pattern(keyedLoad, ScalingPatterns.spike())
                        .inEventTime()
                        .process(new ScalingPatterns.SpikeMatches(), PATTERN_MATCH)
                        .uid("spike-pattern")
                        .name("spike pattern (CEP)");
        DataStream<PatternMatch> lows =
                CEP.pattern(keyedLoad, ScalingPatterns.sustainedLow())
                        .inEventTime()
                        .process(new ScalingPatterns.LowMatches(), PATTERN_MATCH)
                        .uid("sustained-low-pattern")
                        .name("sustained-low pattern (CEP)")
                        // Its own thread: the two patterns of every window run side by side.
                        .startNewChain();

        // Windows and matches are both partitioned by service and region: no shuffle. The
        // inventory is shuffled to the same partitions by its key.
        DataStream<ScalerInput> scalerInput =
                windows.map(ScalerInput::of, SCALER_INPUT)
                        .uid("windows-to-scalers")
                        .name("windows")
                        .union(
                                spikes.union(lows)
                                        .map(ScalerInput::of, SCALER_INPUT)
                                        .uid("matches-to-scalers")
                                        .name("pattern matches"),
                                // The actuator's inventory: what each service really has.
                                results.filter(ActuationResult::isObservation)
                                        .uid("inventory-filter")
                                        .name("actuator inventory")
                                        .map(ScalerInput::of, SCALER_INPUT)
                                        .uid("inventory-to-scalers")
                                        .name("inventory")
                                        .keyBy(ScalerInput::serviceRegionKey, Types.STRING));
        SingleOutputStreamOperator<Decision> decisions =
                DataStreamUtils.reinterpretAsKeyedStream(
                                scalerInput, ScalerInput::serviceRegionKey, Types.STRING)
                        .connect(policies)
                        .process(
                                new PolicyScalingFunction(
                                        builtin,
                                        conf.get(TREND_WINDOWS),
                                        conf.get(IDLE_STATE_RETENTION),
                                        conf.get(AutoscalerOptions.DECISION_TIMEOUT)),
                                TypeInformation.of(Decision.class))
                        .uid("compute-scaler")
                        .name("scalers (with policies)");

        // Oscillation (Flink CEP) on the decisions: each service's actions, numbered.
        // The scalers' output is partitioned by service and region already: no shuffle, chained.
        DataStream<ActionPoint> sequenced =
                DataStreamUtils.reinterpretAsKeyedStream(
                                decisions, Decision::serviceRegionKey, Types.STRING)
                        .process(
                                new ActionSequencer(conf.get(IDLE_STATE_RETENTION)),
                                TypeInformation.of(ActionPoint.class))
                        .uid("scaling-actions")
                        .name("scaling actions");
        KeyedStream<ActionPoint, String> actions =
                DataStreamUtils.reinterpretAsKeyedStream(
                        sequenced, ActionPoint::serviceRegionKey, Types.STRING);
        OscillationRule.Config osc = patterns.oscillation();
        DataStream<PatternMatch> oscillations =
                CEP.pattern(
                                actions,
                                ScalingPatterns.directionChanges(
                                        osc.lastActions(), osc.maxChanges(), osc.horizon()))
                        .inEventTime()
                        .process(
                                new ScalingPatterns.OscillationMatches(
                                        "within the last " + osc.lastActions() + " actions"),
                                PATTERN_MATCH)
                        .uid("oscillation-changes-pattern")
                        .name("oscillation: changes in last actions (CEP)")
                        .union(
                                CEP.pattern(
                                                actions,
                                                ScalingPatterns.flipsWithin(
                                                        osc.maxFlips(), osc.flipWindow()))
                                        .inEventTime()
                                        .process(
                                                new ScalingPatterns.OscillationMatches(
                                                        "within "
                                                                + osc.flipWindow().toMinutes()
                                                                + " min"),
                                                PATTERN_MATCH)
                                        .uid("oscillation-flips-pattern")
                                        .name("oscillation: flips in time (CEP)"));

        // One coordinator per platform (or per region of it, autoscaler.coordinator.scope): every
        // decision it sees meets there, and the commands leave it in dependency order.
        String platform = conf.get(PLATFORM);
        CoordinatorScope scope = AutoscalerOptions.coordinatorScope(conf);
        SingleOutputStreamOperator<ScalingCommand> deduplicated =
                decisions
                        .map(e -> CoordinatorInput.of(e), COORDINATOR_INPUT)
                        .uid("decisions-to-coordinator")
                        .name("decisions")
                        .union(
                                results.map(r -> CoordinatorInput.of(r), COORDINATOR_INPUT)
                                        .uid("results-to-coordinator")
                                        .name("actuation results"))
                        .keyBy(new CoordinatorKey(platform, scope), Types.STRING)
                        .process(
                                new CoordinatorFunction(
                                        coordinatorConfig,
                                        conf.get(AutoscalerOptions.COORDINATOR_ROUND_TIMEOUT)))
                        .uid("coordinator")
                        .name("coordinator (dependencies, regions, locks)");

        deduplicated.sinkTo(sinks.commands()).uid("commands-sink").name("commands");
        // Decisions stay typed to here; the events topic gets them as JSON records.
        DataStream<Decision> events = deduplicated.getSideOutput(CoordinatorFunction.EVENTS);
        events.map(ScalingEvent::of, TypeInformation.of(ScalingEvent.class))
                .uid("events-to-records")
                .name("event records")
                // Writing every decision as JSON is as much work as deciding the round: in its
                // own thread, beside the coordinator's.
                .startNewChain()
                .sinkTo(sinks.events())
                .uid("events-sink")
                .name("events");

        // Alerts: oscillation, scaling failures (from the results), metrics gone silent.
        DataStream<Alert> alerts =
                oscillations
                        .map(AlertInput::of, ALERT_INPUT)
                        .uid("oscillations-to-alerts")
                        .name("oscillations")
                        .union(
                                results.map(AlertInput::of, ALERT_INPUT)
                                        .uid("results-to-alerts")
                                        .name("actuation results"),
                                events.map(AlertInput::of, ALERT_INPUT)
                                        .uid("events-to-alerts")
                                        .name("coordinated decisions"))
                        .keyBy(AlertInput::serviceRegionKey, Types.STRING)
                        .process(
                                new AlertFunction(AutoscalerOptions.alerts(conf)),
                                TypeInformation.of(Alert.class))
                        .uid("alerts")
                        .name("alerts (deduplicated)");
        alerts.sinkTo(sinks.alerts()).uid("alerts-sink").name("alerts");

        String influx = conf.get(AutoscalerOptions.INFLUX_URL);
        if (!influx.isBlank()) {
            events.map(InfluxPoints::of, INFLUX_ROW)
                    .uid("events-to-influx")
                    .name("decisions")
                    .union(
                            alerts.map(InfluxPoints::of, INFLUX_ROW)
                                    .uid("alerts-to-influx")
                                    .name("alerts"),
                            windows.map(InfluxPoints::of, INFLUX_ROW)
                                    .uid("utilization-to-influx")
                                    .name("utilization"))
                    .sinkTo(
                            new InfluxSink(
                                    influx,
                                    conf.get(AutoscalerOptions.INFLUX_USERNAME),
                                    InfluxSink.password(conf),
                                    conf.get(AutoscalerOptions.INFLUX_DATABASE),
                                    conf.get(AutoscalerOptions.INFLUX_BUFFER),
                                    conf.get(AutoscalerOptions.INFLUX_BATCH),
                                    conf.get(AutoscalerOptions.INFLUX_TIMEOUT)))
                    .uid("events-influx-sink")
                    .name("to InfluxDB (best effort)");
        }
        policyUpdates
                .getSideOutput(PolicyBookFunction.POLICY_EVENTS)
                .sinkTo(sinks.policyEvents())
                .uid("policy-events-sink")
                .name("policy events");
        samples.getSideOutput(IngestRouter.DEAD_LETTERS)
                .union(late, windowed.getSideOutput(OVER_LIMITS))
                .sinkTo(sinks.deadLetters())
                .uid("dead-letters-sink")
                .name("dead letters");
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(JOB_NAME);
    }

    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(JOB_NAME);
    }
}
