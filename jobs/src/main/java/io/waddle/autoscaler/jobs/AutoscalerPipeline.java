package io.waddle.autoscaler.jobs;

import static io.waddle.autoscaler.config.AutoscalerOptions.IDLENESS;
import static io.waddle.autoscaler.config.AutoscalerOptions.IDLE_STATE_RETENTION;
import static io.waddle.autoscaler.config.AutoscalerOptions.MAX_OUT_OF_ORDERNESS;
import static io.waddle.autoscaler.config.AutoscalerOptions.PLATFORM;
import static io.waddle.autoscaler.config.AutoscalerOptions.TREND_WINDOWS;
import static io.waddle.autoscaler.config.AutoscalerOptions.WINDOW_SIZE;
import static io.waddle.autoscaler.config.AutoscalerOptions.WINDOW_SLIDE;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.coordination.CoordinatorConfig;
import io.waddle.autoscaler.flink.CoordinatorFunction;
import io.waddle.autoscaler.flink.InfluxEventSink;
import io.waddle.autoscaler.flink.IngestRouter;
import io.waddle.autoscaler.flink.LateSampleRouter;
import io.waddle.autoscaler.flink.PolicyScalingFunction;
import io.waddle.autoscaler.flink.WindowAggregate;
import io.waddle.autoscaler.flink.WindowResult;
import io.waddle.autoscaler.model.ActuationResult;
import io.waddle.autoscaler.model.CoordinatorInput;
import io.waddle.autoscaler.model.DeadLetter;
import io.waddle.autoscaler.model.IngestRecord;
import io.waddle.autoscaler.model.MetricSample;
import io.waddle.autoscaler.model.PolicyRecord;
import io.waddle.autoscaler.model.ScalingCommand;
import io.waddle.autoscaler.model.ScalingEvent;
import io.waddle.autoscaler.model.WindowedMetrics;
import io.waddle.autoscaler.scaling.ComputeScalerConfig;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The autoscaler's dataflow, from metric records to commands, events and dead letters. Sources and
 * sinks are arguments: Kafka in production ({@link KafkaConnectors}), anything in tests. Every
 * operator has a stable uid, so that savepoints survive changes to the job.
 *
 * <pre>
 * metrics ─▶ parse/validate ─┬─▶ keyBy(service/region) ─▶ sliding window ─▶ keyBy ─▶ scalers ─▶ keyBy(platform) ─▶ coordinator ─┬─▶ commands
 *                            │                               └─ late ─┐            ▲ policies,            ▲ actuation results   └─▶ events
 *                            │                                        │            │ actuation results
 *                            └──────────────── refused ───────────────┴──────────────────────────────────────────────────────────────▶ dead letters
 * </pre>
 */
public final class AutoscalerPipeline {
    public static final String JOB_NAME = "waddle-autoscaler";

    private static final OutputTag<MetricSample> LATE_SAMPLES = new OutputTag<>("late-samples") {};
    private static final TypeInformation<CoordinatorInput> COORDINATOR_INPUT =
            TypeInformation.of(CoordinatorInput.class);

    /** Every record of the job belongs to the one platform it scales. */
    private record PlatformKey<T>(String platform) implements KeySelector<T, String> {
        @Override
        public String getKey(T value) {
            return platform;
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
        ComputeScalerConfig scalerConfig = AutoscalerOptions.computeScaler(conf);
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

        SingleOutputStreamOperator<MetricSample> samples =
                env.fromSource(sources.metrics(), watermarks(), "metrics")
                        .uid("metrics-source")
                        .process(new IngestRouter())
                        .uid("ingest-router")
                        .name("parse and validate");

        SingleOutputStreamOperator<WindowedMetrics> windows =
                samples.keyBy(MetricSample::serviceRegionKey, Types.STRING)
                        .window(SlidingEventTimeWindows.of(size, slide))
                        .sideOutputLateData(LATE_SAMPLES)
                        .aggregate(new WindowAggregate(), new WindowResult())
                        .uid("windowed-metrics")
                        .name("sliding window per service and region");

        DataStream<DeadLetter> late =
                windows.getSideOutput(LATE_SAMPLES)
                        .process(new LateSampleRouter())
                        .uid("late-samples")
                        .name("late samples");

        // Policies reach every parallel instance of the decision operator; their stream never holds
        // event time back: it carries control records, not time. The actuator's results reach the
        // coordinator with their own time (when they were applied), going idle when none come.
        DataStream<ActuationResult> results =
                env.fromSource(sources.actuationResults(), resultWatermarks(), "actuation-results")
                        .uid("actuation-results-source");
        BroadcastStream<PolicyRecord> policies =
                env.fromSource(sources.policies(), BroadcastWatermarks.neverHoldBack(), "policies")
                        .uid("policies-source")
                        .broadcast(PolicyScalingFunction.POLICIES);

        SingleOutputStreamOperator<ScalingEvent> decisions =
                windows.keyBy(WindowedMetrics::serviceRegionKey, Types.STRING)
                        .connect(policies)
                        .process(
                                new PolicyScalingFunction(
                                        scalerConfig,
                                        conf.get(TREND_WINDOWS),
                                        conf.get(IDLE_STATE_RETENTION)))
                        .uid("compute-scaler")
                        .name("scalers (with policies)");

        // One coordinator per platform: every decision of the platform meets there, and the
        // commands leave it in dependency order.
        String platform = conf.get(PLATFORM);
        SingleOutputStreamOperator<ScalingCommand> deduplicated =
                decisions
                        .map(e -> CoordinatorInput.of(e), COORDINATOR_INPUT)
                        .uid("decisions-to-coordinator")
                        .name("decisions")
                        .union(
                                results.map(r -> CoordinatorInput.of(r), COORDINATOR_INPUT)
                                        .uid("results-to-coordinator")
                                        .name("actuation results"))
                        .keyBy(new PlatformKey<>(platform), Types.STRING)
                        .process(
                                new CoordinatorFunction(
                                        coordinatorConfig,
                                        conf.get(AutoscalerOptions.COORDINATOR_ROUND_TIMEOUT)))
                        .uid("coordinator")
                        .name("coordinator (dependencies, regions, locks)");

        deduplicated.sinkTo(sinks.commands()).uid("commands-sink").name("commands");
        DataStream<ScalingEvent> events = deduplicated.getSideOutput(CoordinatorFunction.EVENTS);
        events.sinkTo(sinks.events()).uid("events-sink").name("events");
        String influx = conf.get(AutoscalerOptions.INFLUX_URL);
        if (!influx.isBlank()) {
            events.sinkTo(
                            new InfluxEventSink(
                                    influx,
                                    conf.get(AutoscalerOptions.INFLUX_DATABASE),
                                    conf.get(AutoscalerOptions.INFLUX_BUFFER),
                                    conf.get(AutoscalerOptions.INFLUX_BATCH),
                                    conf.get(AutoscalerOptions.INFLUX_TIMEOUT)))
                    .uid("events-influx-sink")
                    .name("events to InfluxDB (best effort)");
        }
        decisions
                .getSideOutput(PolicyScalingFunction.POLICY_EVENTS)
                .sinkTo(sinks.policyEvents())
                .uid("policy-events-sink")
                .name("policy events");
        samples.getSideOutput(IngestRouter.DEAD_LETTERS)
                .union(late)
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

    /**
     * Results are stamped with when they were applied, in the platform's time, as the metrics are;
     * a results partition without records goes idle after the metrics' idleness timeout (1 s when
     * that is disabled, so that a run without results never waits for them).
     */
    private WatermarkStrategy<ActuationResult> resultWatermarks() {
        Duration idleness = conf.get(IDLENESS);
        return WatermarkStrategy.<ActuationResult>forBoundedOutOfOrderness(
                        conf.get(MAX_OUT_OF_ORDERNESS))
                .withTimestampAssigner((r, kafkaTs) -> r.appliedAt().toEpochMilli())
                .withIdleness(idleness.isZero() ? Duration.ofSeconds(1) : idleness);
    }

    private WatermarkStrategy<IngestRecord> watermarks() {
        // Refused records carry no usable time: Long.MIN_VALUE leaves the watermark untouched.
        WatermarkStrategy<IngestRecord> strategy =
                WatermarkStrategy.<IngestRecord>forBoundedOutOfOrderness(
                                conf.get(MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner(
                                (record, kafkaTs) ->
                                        record.isValid()
                                                ? record.sample().timestamp().toEpochMilli()
                                                : Long.MIN_VALUE);
        Duration idleness = conf.get(IDLENESS);
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }
}
