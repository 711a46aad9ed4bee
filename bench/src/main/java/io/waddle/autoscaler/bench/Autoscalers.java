package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.bench.autoscalers.AwsPredictiveModel;
import io.waddle.autoscaler.bench.autoscalers.FlinkOperatorModel;
import io.waddle.autoscaler.bench.autoscalers.HpaModel;
import io.waddle.autoscaler.bench.autoscalers.KedaModel;
import io.waddle.autoscaler.bench.autoscalers.OracleModel;
import io.waddle.autoscaler.bench.autoscalers.StaticPeakModel;
import io.waddle.autoscaler.bench.autoscalers.WaddleModel;
import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The autoscalers the benchmark compares, by name. */
public final class Autoscalers {
    public static final List<String> NAMES =
            List.of(
                    "hpa",
                    "keda",
                    "flink-operator",
                    "aws-predictive",
                    "oracle",
                    "static-peak",
                    "waddle",
                    "waddle-no-spike",
                    "waddle-no-damping");

    private Autoscalers() {}

    /** A fresh autoscaler for one run of {@code engine} over [start, end). */
    public static BenchAutoscaler create(
            String name, ElasticityEngine engine, BenchSettings s, Instant start, Instant end) {
        return switch (name) {
            case "hpa" -> HpaModel.create(s);
            case "keda" -> KedaModel.create(s, engine.capacityPerInstance());
            case "flink-operator" -> new FlinkOperatorModel(s.targetUtilization());
            case "aws-predictive" -> new AwsPredictiveModel(s, engine.capacityPerInstance());
            case "oracle" -> new OracleModel(engine::demandAt, s.provisioningDelay(), s.step());
            case "static-peak" -> new StaticPeakModel(peakDemand(engine, s.step(), start, end));
            case "waddle" -> WaddleModel.create(s);
            case "waddle-no-spike" -> WaddleModel.create(s, WaddleModel.Variant.NO_SPIKE);
            case "waddle-no-damping" -> WaddleModel.create(s, WaddleModel.Variant.NO_DAMPING);
            default ->
                    throw new IllegalArgumentException(
                            "unknown autoscaler '"
                                    + name
                                    + "'; one of "
                                    + String.join(", ", NAMES));
        };
    }

    private static int peakDemand(
            ElasticityEngine engine, Duration step, Instant start, Instant end) {
        int peak = 1;
        for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
            peak = Math.max(peak, engine.demandAt(t));
        }
        return peak;
    }
}
