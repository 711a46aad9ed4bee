package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.influx.AsyncInfluxWriter;
import io.waddle.autoscaler.influx.InfluxRow;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Copies the job's record (decisions, alerts, windowed utilization: see {@code InfluxPoints}) to
 * InfluxDB 1.x, best effort: each parallel instance hands points to an {@link AsyncInfluxWriter},
 * which never blocks the job. Flink metrics {@code influxPointsWritten} and {@code
 * influxPointsDropped} say how complete the copy is; the events topic is the record.
 */
public final class InfluxSink implements Sink<InfluxRow> {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String database;
    private final int buffer;
    private final int batch;
    private final Duration timeout;

    public InfluxSink(String url, String database, int buffer, int batch, Duration timeout) {
        this.url = url;
        this.database = database;
        this.buffer = buffer;
        this.batch = batch;
        this.timeout = timeout;
    }

    @Override
    public SinkWriter<InfluxRow> createWriter(WriterInitContext context) {
        AsyncInfluxWriter writer = new AsyncInfluxWriter(url, database, buffer, batch, timeout);
        MetricGroup metrics = context.metricGroup();
        metrics.gauge("influxPointsWritten", writer::written);
        metrics.gauge("influxPointsDropped", writer::dropped);
        return new SinkWriter<>() {
            @Override
            public void write(InfluxRow row, Context ctx) {
                writer.offer(row.toPoint());
            }

            @Override
            public void flush(boolean endOfInput) {
                // Best effort and asynchronous by design: a checkpoint never waits for InfluxDB.
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}
