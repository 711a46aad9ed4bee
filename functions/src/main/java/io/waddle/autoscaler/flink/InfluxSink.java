package io.waddle.autoscaler.flink;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.influx.AsyncInfluxWriter;
import io.waddle.autoscaler.influx.InfluxRow;
import io.waddle.autoscaler.influx.Secret;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the job's record (decisions, alerts, windowed utilization: see {@code InfluxPoints}) to
 * InfluxDB 1.x, best effort: each parallel instance hands points to an {@link AsyncInfluxWriter},
 * which never blocks the job. Flink metrics {@code influxPointsWritten} and {@code
 * influxPointsDropped} say how complete the copy is; the events topic is the record.
 */
public final class InfluxSink implements Sink<InfluxRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);

    private final String url;
    private final String database;
    private final int buffer;
    private final int batch;
    private final Duration timeout;
    private final String username;
    private final Secret password;

    public InfluxSink(String url, String database, int buffer, int batch, Duration timeout) {
        this(url, "", Secret.NONE, database, buffer, batch, timeout);
    }

    /**
     * @param username empty: no authentication
     * @param password read when each writer opens, on the TaskManager
     */
    public InfluxSink(
            String url,
            String username,
            Secret password,
            String database,
            int buffer,
            int batch,
            Duration timeout) {
        this.username = username;
        this.password = password;
        this.url = url;
        this.database = database;
        this.buffer = buffer;
        this.batch = batch;
        this.timeout = timeout;
    }

    @Override
    public SinkWriter<InfluxRow> createWriter(WriterInitContext context) {
        String secret;
        try {
            secret = password.reveal();
        } catch (IllegalStateException e) {
            // Best effort: the job goes on deciding; InfluxDB refuses the writes, which are counted
            // as dropped. The message names the file or variable, never a value.
            LOG.error("InfluxDB password unavailable ({}): points will be dropped", e.getMessage());
            secret = "";
        }
        AsyncInfluxWriter writer =
                new AsyncInfluxWriter(url, username, secret, database, buffer, batch, timeout);
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

    /**
     * Where the InfluxDB password comes from: a file, else the environment; none without a user.
     */
    public static Secret password(Configuration conf) {
        if (conf.get(AutoscalerOptions.INFLUX_USERNAME).isEmpty()) {
            return Secret.NONE;
        }
        String file = conf.get(AutoscalerOptions.INFLUX_PASSWORD_FILE);
        return file.isEmpty()
                ? Secret.fromEnv(conf.get(AutoscalerOptions.INFLUX_PASSWORD_ENV))
                : Secret.fromFile(file);
    }
}
