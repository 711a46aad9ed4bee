package io.waddle.autoscaler.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The soak's checkpoints: how many completed in each phase and their durations, from the job's
 * gauges ({@link SoakMetrics}) sampled while the soak runs.
 */
final class SoakCheckpoints {

    private final List<Histogram> durations = new ArrayList<>();
    private final Map<Integer, Long> completed = new HashMap<>();
    private long lastCompleted;

    SoakCheckpoints(int phases) {
        for (int i = 0; i < phases; i++) {
            durations.add(new Histogram(TimeUnit.HOURS.toMillis(1), 3));
        }
    }

    void sample(int phase) {
        OptionalLong n = SoakMetrics.read(SoakMetrics.COMPLETED_CHECKPOINTS);
        OptionalLong ms = SoakMetrics.read(SoakMetrics.LAST_CHECKPOINT_DURATION);
        if (n.isEmpty() || ms.isEmpty() || n.getAsLong() <= lastCompleted) {
            return;
        }
        completed.merge(phase, n.getAsLong() - lastCompleted, Long::sum);
        lastCompleted = n.getAsLong();
        durations.get(phase).recordValue(Math.max(0, Math.min(ms.getAsLong(), 3_600_000)));
    }

    void report(int phase, Map<String, Object> m) {
        Histogram h = durations.get(phase);
        m.put("checkpointsCompleted", completed.getOrDefault(phase, 0L));
        m.put("checkpointP50Ms", h.getValueAtPercentile(50));
        m.put("checkpointMaxMs", h.getMaxValue());
    }
}
