package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.jobs.cli.Cli;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Waits for a benchmark's job as a user would, and gives up with one line: when the job has failed,
 * when nothing new has come for {@link #STALL}, or at the run's time limit.
 */
final class JobWatch {
    static final Duration STALL = Duration.ofMinutes(1);

    private final long deadlineNanos;
    private final Duration timeLimit;
    private final int services;

    /**
     * @param deadlineNanos the run's time limit as a {@link System#nanoTime()} value
     * @param services what the run holds, for the message
     */
    JobWatch(long deadlineNanos, Duration timeLimit, int services) {
        this.deadlineNanos = deadlineNanos;
        this.timeLimit = timeLimit;
        this.services = services;
    }

    /**
     * Reads until {@code n} records have come, or fails with one line: when the job has failed,
     * when nothing has come for a minute, or at the run's time limit.
     */
    void awaitRecords(
            KafkaConsumer<String, String> consumer,
            long n,
            String what,
            JobClient job,
            Consumer<ConsumerRecord<String, String>> each)
            throws Exception {
        long seen = 0;
        long lastProgress = System.nanoTime();
        long startedAt = lastProgress;
        while (seen < n) {
            long now = System.nanoTime();
            if (now > deadlineNanos || now - lastProgress > STALL.toNanos()) {
                throw new Cli.UserError(
                        String.format(
                                Locale.ROOT,
                                "the job did not keep up: %,d of %,d %s in %.0f s (%s); %,d"
                                        + " services is more than this machine handles at"
                                        + " these settings",
                                seen,
                                n,
                                what,
                                (now - startedAt) / 1e9,
                                now > deadlineNanos
                                        ? "the time limit of " + timeLimit.toSeconds() + " s"
                                        : "nothing new for " + STALL.toSeconds() + " s",
                                services));
            }
            checkAlive(job, what);
            var batch = consumer.poll(Duration.ofMillis(100));
            batch.forEach(each);
            int got = batch.count();
            if (got > 0) {
                seen += got;
                lastProgress = System.nanoTime();
            }
        }
    }

    /** Fails with one line if the job has ended (the bench runs it with no restarts). */
    static void checkAlive(JobClient job, String what) throws Exception {
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            String cause = "";
            try {
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                cause = ": " + root;
            }
            throw new Cli.UserError("the job " + status + " while waiting for " + what + cause);
        }
    }

    /** Cancels the job if it still runs: its MiniCluster stops with it. */
    static void stop(JobClient job) {
        try {
            if (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Already gone, or its cluster with it; nothing is left to stop.
        }
    }
}
