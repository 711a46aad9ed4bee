package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.core.model.IngestRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A test-only failure injector at a boundary the job owns: the metrics deserializer, which fails
 * its task (as a crashed TaskManager does) when the records read by all attempts of a run reach
 * each point of a plan. Flink then restarts the job from its latest checkpoint and the source reads
 * on from the checkpointed offsets. The counts live in this JVM (the MiniCluster's), so they carry
 * across restarts.
 */
public final class CrashingDeserializer implements KafkaRecordDeserializationSchema<IngestRecord> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicLong> READ = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CRASHES = new ConcurrentHashMap<>();

    private final KafkaRecordDeserializationSchema<IngestRecord> inner;
    private final String run;
    private final List<Long> plan;

    /**
     * @param plan ascending counts of records read (over all attempts) at which to fail
     */
    public CrashingDeserializer(
            KafkaRecordDeserializationSchema<IngestRecord> inner, String run, List<Long> plan) {
        this.inner = inner;
        this.run = run;
        this.plan = List.copyOf(plan);
        READ.put(run, new AtomicLong());
        CRASHES.put(run, new AtomicInteger());
    }

    /** How many failures the run has injected so far. */
    public static int crashes(String run) {
        return CRASHES.get(run).get();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out)
            throws IOException {
        long n = READ.get(run).incrementAndGet();
        AtomicInteger crashed = CRASHES.get(run);
        int next = crashed.get();
        if (next < plan.size() && n >= plan.get(next) && crashed.compareAndSet(next, next + 1)) {
            throw new IllegalStateException("injected failure " + (next + 1) + " at record " + n);
        }
        inner.deserialize(record, out);
    }

    @Override
    public TypeInformation<IngestRecord> getProducedType() {
        return inner.getProducedType();
    }
}
