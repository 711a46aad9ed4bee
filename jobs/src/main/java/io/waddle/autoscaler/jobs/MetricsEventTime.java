package io.waddle.autoscaler.jobs;

import static io.waddle.autoscaler.config.AutoscalerOptions.IDLENESS;
import static io.waddle.autoscaler.config.AutoscalerOptions.MAX_FUTURE_SKEW;
import static io.waddle.autoscaler.config.AutoscalerOptions.MAX_OUT_OF_ORDERNESS;

import io.waddle.autoscaler.core.model.IngestRecord;
import io.waddle.autoscaler.flink.PlatformClockWatermarks;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;

/**
 * The metrics' event time (RELIABILITY.md, "Event time is the platform's"): the watermarks of the
 * metrics source, and the rule that no sample may be allowed further ahead than the others may be
 * behind.
 */
final class MetricsEventTime {
    private MetricsEventTime() {}

    /** Refuses a future skew larger than the out-of-orderness, naming both options. */
    static void check(Configuration conf) {
        if (conf.get(MAX_FUTURE_SKEW).compareTo(conf.get(MAX_OUT_OF_ORDERNESS)) > 0) {
            throw new IllegalArgumentException(
                    MAX_FUTURE_SKEW.key()
                            + " ("
                            + conf.get(MAX_FUTURE_SKEW)
                            + ") must be at most "
                            + MAX_OUT_OF_ORDERNESS.key()
                            + " ("
                            + conf.get(MAX_OUT_OF_ORDERNESS)
                            + "): a sample further ahead would make the others late");
        }
    }

    static WatermarkStrategy<IngestRecord> watermarks(Configuration conf) {
        // Refused records carry no usable time: Long.MIN_VALUE leaves the watermark untouched.
        Duration delay = conf.get(MAX_OUT_OF_ORDERNESS);
        WatermarkStrategy<IngestRecord> strategy =
                WatermarkStrategy.<IngestRecord>forGenerator(
                                ctx -> new PlatformClockWatermarks<>(delay, Clock.systemUTC()))
                        .withTimestampAssigner(
                                (record, kafkaTs) ->
                                        record.isValid()
                                                ? record.sample().timestamp().toEpochMilli()
                                                : Long.MIN_VALUE);
        Duration idleness = conf.get(IDLENESS);
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }
}
