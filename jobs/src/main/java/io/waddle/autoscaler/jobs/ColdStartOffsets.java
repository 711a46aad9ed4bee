package io.waddle.autoscaler.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the metrics source starts without a checkpoint, in the default {@code committed} mode:
 *
 * <ol>
 *   <li>a partition with a committed offset resumes there (the job ran before);
 *   <li>a partition without one (the first start) starts at its first record appended at most
 *       {@code maxAge} ago, so that hours of history are not replayed into scaling commands now;
 *       the records skipped are counted in the log; none that recent: at its end;
 *   <li>{@code maxAge} 0: from the beginning, as before.
 * </ol>
 *
 * A record's time here is its Kafka timestamp: the broker's append time on a LogAppendTime topic,
 * the producer's otherwise.
 */
final class ColdStartOffsets implements OffsetsInitializer {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ColdStartOffsets.class);

    private final Duration maxAge;
    private final Clock clock;

    ColdStartOffsets(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(
            Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
        Map<TopicPartition, Long> out = new HashMap<>(retriever.committedOffsets(partitions));
        out.values().removeIf(offset -> offset == null || offset < 0);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition p : partitions) {
            if (!out.containsKey(p)) {
                fresh.add(p);
            }
        }
        if (fresh.isEmpty()) {
            return out;
        }
        Map<TopicPartition, Long> beginning = retriever.beginningOffsets(fresh);
        if (maxAge.isZero()) {
            out.putAll(beginning);
            return out;
        }
        long since = clock.millis() - maxAge.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        fresh.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> recent = retriever.offsetsForTimes(query);
        Map<TopicPartition, Long> end = retriever.endOffsets(fresh);
        long skipped = 0;
        for (TopicPartition p : fresh) {
            OffsetAndTimestamp first = recent.get(p);
            long start = first != null ? first.offset() : end.getOrDefault(p, 0L);
            skipped += Math.max(0, start - beginning.getOrDefault(p, 0L));
            out.put(p, start);
        }
        LOG.info(
                "First start on {} partition(s) without committed offsets: skipped {} record(s)"
                        + " older than {} (autoscaler.kafka.cold-start-max-age)",
                fresh.size(),
                skipped,
                maxAge);
        return out;
    }

    /** Where a consumer goes when its offset is out of range (deleted by retention). */
    @Override
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.LATEST;
    }
}
