package io.waddle.autoscaler.bench.autoscalers;

import io.waddle.autoscaler.bench.loop.BenchAutoscaler;
import io.waddle.autoscaler.bench.loop.BenchSettings;
import io.waddle.autoscaler.bench.loop.LoadHistory;
import io.waddle.autoscaler.bench.loop.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * AWS EC2 Auto Scaling predictive scaling together with a target-tracking policy:
 *
 * <ul>
 *   <li><b>Predictive</b> (ForecastAndScale): an hourly load forecast from up to 14 days of
 *       history, only once at least 24 h exist. The forecast for an hour is the mean of that hour
 *       of day over the past days (AWS does not publish its model; this is the seasonal average it
 *       is documented to capture). Capacity for the hour = forecast / (capacity per instance ×
 *       target), launched 300 s before the hour (SchedulingBufferTime). It never scales in: the
 *       forecast only sets a floor.
 *   <li><b>Target tracking</b> on average CPU at the target, on 1-minute metrics: scale out when 3
 *       consecutive minutes are above target, scale in when 15 consecutive minutes are below 90 %
 *       of it (the alarms AWS creates), to {@code ceil(serving × utilization / target)}.
 *   <li>The larger of the two wins.
 * </ul>
 *
 * Sources: docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-predictive-scaling.html
 * ("How predictive scaling works": 14 days, 24 h minimum, hourly forecast, never scales in),
 * predictive-scaling-policy-overview / SchedulingBufferTime, and as-scaling-target-tracking.html (3
 * datapoints for scale-out, 15 for scale-in).
 */
public final class AwsPredictiveModel implements BenchAutoscaler {
    private static final Duration HISTORY = Duration.ofDays(14);
    private static final Duration MIN_HISTORY = Duration.ofHours(24);
    private static final Duration BUFFER = Duration.ofSeconds(300);
    private static final int SCALE_OUT_MINUTES = 3;
    private static final int SCALE_IN_MINUTES = 15;

    private final double capacityPerInstance;
    private final double target;

    /** Mean request rate per clock hour (epoch hour -> {sum, count}). */
    private final Map<Long, double[]> hourly = new HashMap<>();

    private Instant historyStart;
    private long currentMinute = Long.MIN_VALUE;
    private double minuteUtilSum;
    private int minuteSamples;
    private int minutesAbove;
    private int minutesBelow;

    public AwsPredictiveModel(BenchSettings settings, double capacityPerInstance) {
        this.capacityPerInstance = capacityPerInstance;
        this.target = settings.targetUtilization();
    }

    @Override
    public String name() {
        return "aws-predictive";
    }

    @Override
    public void warmUp(LoadHistory history) {
        Instant from = history.runStart().minus(HISTORY);
        if (from.isBefore(history.earliest())) {
            from = history.earliest();
        }
        historyStart = from;
        for (Instant t = from; t.isBefore(history.runStart()); t = t.plusSeconds(60)) {
            addLoad(t, history.requestRate(t));
        }
    }

    @Override
    public int decide(Observation o) {
        if (historyStart == null) {
            historyStart = o.now();
        }
        addLoad(o.now(), o.requestRate());
        // The forecast raises the group's minimum; target tracking moves within it.
        return Math.max(predicted(o.now()), targetTracking(o));
    }

    /** The group's capacity after the target-tracking alarms of the minute that just ended. */
    private int targetTracking(Observation o) {
        int capacity = o.desired();
        long minute = o.now().getEpochSecond() / 60;
        if (minute != currentMinute && minuteSamples > 0) {
            double util = minuteUtilSum / minuteSamples;
            minutesAbove = util > target ? minutesAbove + 1 : 0;
            minutesBelow = util < 0.9 * target ? minutesBelow + 1 : 0;
            int wanted = (int) Math.ceil(o.ready() * util / target - 1e-9);
            if (minutesAbove >= SCALE_OUT_MINUTES && wanted > capacity) {
                capacity = wanted;
                minutesAbove = 0;
            } else if (minutesBelow >= SCALE_IN_MINUTES && wanted < capacity && o.starting() == 0) {
                capacity = Math.max(1, wanted);
                minutesBelow = 0;
            }
            minuteUtilSum = 0;
            minuteSamples = 0;
        }
        currentMinute = minute;
        minuteUtilSum += o.utilization();
        minuteSamples++;
        return capacity;
    }

    /** Forecast capacity for the hour that starts within the scheduling buffer, or 0. */
    private int predicted(Instant now) {
        Instant hourStart = now.plus(BUFFER).truncatedTo(ChronoUnit.HOURS);
        Duration known = Duration.between(historyStart, now);
        if (known.compareTo(MIN_HISTORY) < 0) {
            return 0;
        }
        double sum = 0;
        int days = 0;
        for (int d = 1; d <= 14; d++) {
            double[] h = hourly.get(hourStart.minus(Duration.ofDays(d)).getEpochSecond() / 3600);
            if (h != null && h[1] > 0) {
                sum += h[0] / h[1];
                days++;
            }
        }
        return days == 0 ? 0 : (int) Math.ceil(sum / days / (capacityPerInstance * target) - 1e-9);
    }

    private void addLoad(Instant t, double rate) {
        double[] h = hourly.computeIfAbsent(t.getEpochSecond() / 3600, k -> new double[2]);
        h[0] += rate;
        h[1]++;
    }
}
