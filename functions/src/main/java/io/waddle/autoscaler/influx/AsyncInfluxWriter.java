package io.waddle.autoscaler.influx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;

/**
 * Writes points to InfluxDB 1.x without ever blocking or failing its caller. {@link #offer} puts a
 * point in a bounded buffer and returns at once; a daemon thread writes batches. When the buffer is
 * full, or a batch cannot be written (InfluxDB down or slow), points are dropped and counted: the
 * Kafka event log stays the complete record.
 */
public final class AsyncInfluxWriter implements AutoCloseable {
    private final InfluxDB influx;
    private final String database;
    private final BlockingQueue<Point> buffer;
    private final int batchSize;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Points offered and not yet written or dropped. */
    private final AtomicLong pending = new AtomicLong();

    private final Object idle = new Object();
    private final Thread worker;
    private volatile boolean running = true;

    /** Whether the last batch failed (InfluxDB down or slow). */
    private volatile boolean failing;

    /**
     * @param url e.g. {@code http://127.0.0.1:8086}
     * @param capacity points buffered at most
     * @param timeout connect, read and write timeout of one batch
     */
    public AsyncInfluxWriter(
            String url, String database, int capacity, int batchSize, Duration timeout) {
        this(url, "", "", database, capacity, batchSize, timeout);
    }

    /**
     * @param username empty: no authentication
     */
    public AsyncInfluxWriter(
            String url,
            String username,
            String password,
            String database,
            int capacity,
            int batchSize,
            Duration timeout) {
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.influx =
                username.isEmpty()
                        ? InfluxDBFactory.connect(url, http)
                        : InfluxDBFactory.connect(url, username, password, http);
        this.database = database;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.worker = new Thread(this::drain, "influx-writer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Buffers {@code p}; drops and counts it if the buffer is full. Never blocks. */
    public void offer(Point p) {
        pending.incrementAndGet();
        if (!buffer.offer(p)) {
            dropped.incrementAndGet();
            done(1);
        }
    }

    /** Points InfluxDB accepted. */
    public long written() {
        return written.get();
    }

    /** Points dropped: buffer full, or a batch InfluxDB did not take. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Waits until every point offered so far has been written or dropped, at most {@code timeout};
     * whether it got there.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    private void drain() {
        try {
            drainUntilClosed();
        } finally {
            influx.close();
        }
    }

    private void drainUntilClosed() {
        boolean created = false;
        List<Point> batch = new ArrayList<>(batchSize);
        while (running || !buffer.isEmpty()) {
            if (!running && failing) {
                // Closed while InfluxDB does not take points: the rest is dropped, not retried.
                List<Point> rest = new ArrayList<>();
                buffer.drainTo(rest);
                dropped.addAndGet(rest.size());
                done(rest.size());
                return;
            }
            try {
                Point first = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, batchSize - 1);
                if (!created) {
                    created = createDatabase();
                }
                write(batch);
                done(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void done(int points) {
        if (pending.addAndGet(-points) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Creates the database (InfluxDB 1.x: a no-op if it exists); false while InfluxDB is away. */
    private boolean createDatabase() {
        try {
            influx.query(new Query("CREATE DATABASE \"" + database + "\""));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void write(List<Point> batch) {
        BatchPoints points = BatchPoints.database(database).points(batch).build();
        try {
            influx.write(points);
            written.addAndGet(batch.size());
            failing = false;
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            failing = true;
        }
    }

    /**
     * Stops taking points and returns within a fraction of a second: the background thread writes
     * what is buffered and then closes the client on its own, so that a hung InfluxDB (a request
     * waiting out its timeout) can never hold back the task that closes the writer (a cancel, a
     * failover).
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.join(200);
    }
}
