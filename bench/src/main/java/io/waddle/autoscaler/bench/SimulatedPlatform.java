package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.core.model.Gauges;
import io.waddle.autoscaler.core.model.MetricSample;
import io.waddle.autoscaler.core.model.ScalingCommand;
import io.waddle.autoscaler.core.model.ServiceKind;
import io.waddle.autoscaler.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The throughput benchmark's platform: compute services whose instances report a sawtooth load to
 * the metrics topic, step by 15 s step, and whose instance counts follow the commands (the closed
 * loop). It remembers when each step was sent, for the decision latency.
 */
final class SimulatedPlatform {
    static final Duration STEP = Duration.ofSeconds(15);
    private static final double CAPACITY = 50; // requests/s one instance serves

    private final String topic;
    private final int services;
    private final int regions;
    private final int initialInstances;
    private final Duration sampleInterval;
    private final Instant start;
    private final Map<Integer, Integer> instances = new ConcurrentHashMap<>();
    private final Map<Long, Long> stepSentNanos = new ConcurrentHashMap<>();

    SimulatedPlatform(
            String topic,
            int services,
            int regions,
            int initialInstances,
            Duration sampleInterval,
            Instant start) {
        checkInterval(sampleInterval);
        this.topic = topic;
        this.services = services;
        this.regions = regions;
        this.initialInstances = initialInstances;
        this.sampleInterval = sampleInterval;
        this.start = start;
        for (int s = 0; s < services; s++) {
            instances.put(s, initialInstances);
        }
    }

    /** An instance reports every {@code interval}: a whole fraction of the 15 s step. */
    static void checkInterval(Duration interval) {
        if (interval.isZero()
                || interval.isNegative()
                || STEP.toMillis() % interval.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "the sample interval must divide 15 s: " + interval.toSeconds() + " s");
        }
    }

    /** One step of samples for every service. */
    int sendStep(KafkaProducer<String, String> producer, long k) {
        Instant t = start.plus(STEP.multipliedBy(k));
        stepSentNanos.putIfAbsent(k, System.nanoTime());
        int sent = 0;
        for (int s = 0; s < services; s++) {
            int n = instances.get(s);
            // Sawtooth, phase-shifted per service: 20 steps rising from 1x to 2x, 20 flat at 1x, so
            // that at every step some services need more instances.
            long x = (k + s) % 40;
            double load = initialInstances * CAPACITY * 0.6 * (x < 20 ? 1 + x / 20.0 : 1);
            double util = Math.min(1.0, load / (n * CAPACITY));
            Map<String, Double> gauges =
                    Map.of(
                            Gauges.CPU,
                            100 * util,
                            Gauges.REQUESTS_PER_SECOND,
                            load / n,
                            Gauges.RESPONSE_TIME_MS,
                            20 / (1 - Math.min(util, 0.98)));
            String service = "svc-" + s;
            for (Instant at = t; at.isBefore(t.plus(STEP)); at = at.plus(sampleInterval)) {
                for (int i = 0; i < n; i++) {
                    MetricSample m =
                            new MetricSample(
                                    MetricSample.SCHEMA_VERSION,
                                    service,
                                    regions == 1 ? "bench" : "bench-" + s % regions,
                                    ServiceKind.COMPUTE,
                                    "i-" + i,
                                    at,
                                    gauges);
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    null,
                                    at.toEpochMilli(),
                                    m.serviceRegionKey(),
                                    Json.sampleToJson(m)));
                    sent++;
                }
            }
        }
        return sent;
    }

    /** The step a window ending at {@code decidedAt} closed with. */
    long stepOf(Instant decidedAt) {
        return Duration.between(start, decidedAt).dividedBy(STEP);
    }

    /** When step {@code k}'s samples were sent ({@link System#nanoTime()}), if they were. */
    Long sentNanos(long k) {
        return stepSentNanos.get(k);
    }

    /** A command takes effect: its service reports with the commanded instances from now. */
    void apply(ScalingCommand c) {
        instances.put(Integer.parseInt(c.service().substring(4)), c.to());
    }
}
