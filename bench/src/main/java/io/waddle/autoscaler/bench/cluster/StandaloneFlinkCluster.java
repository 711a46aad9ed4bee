package io.waddle.autoscaler.bench.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;

/**
 * A real Flink standalone session cluster (one JobManager and TaskManager processes) whose class
 * path is only what a Flink distribution's lib/ folder holds ({@code
 * target/flink-lib-classpath.txt}, written by the build), and {@code flink run} against it. Nothing
 * of the job is on the cluster's class path: the job must bring it in its jar, as in production.
 * The scale-out tests and {@code bench throughput --cluster} use it.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private final Path dir;
    private final String flinkLib;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final Set<Process> killed = new HashSet<>();
    private final ClusterRest rest;

    private final int taskManagers;

    public StandaloneFlinkCluster(Path dir) throws IOException {
        this(dir, 1, 2);
    }

    /**
     * @param taskManagers TaskManager processes
     * @param slots task slots in each
     */
    public StandaloneFlinkCluster(Path dir, int taskManagers, int slots) throws IOException {
        this.dir = dir;
        this.taskManagers = taskManagers;
        this.flinkLib = Files.readString(Path.of("target", "flink-lib-classpath.txt")).strip();
        this.restPort = freePort();
        this.rest = new ClusterRest(restPort);
        Files.writeString(
                dir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: localhost",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + restPort,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        // A job's subtasks spread over the TaskManagers, not packed into one.
                        "cluster.evenly-spread-out-slots: true",
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.cpu.cores: 2.0",
                        // The TaskManager flink-conf/ gives: its process size and RocksDB's
                        // managed memory; the JVM is started with what Flink's memory model makes
                        // of them, as Flink's own scripts do (taskManagerJvm).
                        "taskmanager.memory.process.size: " + processSize(),
                        "taskmanager.memory.managed.size: " + managedMemory(),
                        ""));
    }

    /** The managed memory {@code flink-conf/config.yaml} gives a TaskManager, if it says. */
    public static Optional<MemorySize> flinkConfManagedMemory() {
        return flinkConf(TaskManagerOptions.MANAGED_MEMORY_SIZE);
    }

    /** What {@code flink-conf/config.yaml} sets {@code option} to, if it does. */
    public static <T> Optional<T> flinkConf(ConfigOption<T> option) {
        Path conf = Path.of("flink-conf");
        if (!Files.isRegularFile(conf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))) {
            return Optional.empty();
        }
        return GlobalConfiguration.loadConfiguration(conf.toString()).getOptional(option);
    }

    private static String processSize() {
        return flinkConf(TaskManagerOptions.TOTAL_PROCESS_MEMORY)
                .map(m -> m.getMebiBytes() + "m")
                .orElse("2048m");
    }

    private static String managedMemory() {
        return flinkConfManagedMemory().map(m -> m.getMebiBytes() + "m").orElse("256m");
    }

    /** The class path of Flink's lib/: checks that the job's own dependencies are not on it. */
    public String flinkLib() {
        return flinkLib;
    }

    public void start() throws Exception {
        processes.add(
                java(
                        "jobmanager",
                        List.of("-Xmx768m"),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "--configDir",
                        dir.toString()));
        await(
                "the JobManager's REST endpoint",
                () -> rest.get("/overview").contains("\"flink-version\""));
        TaskManagerJvm jvm = TaskManagerJvm.of(dir);
        for (int i = 0; i < taskManagers; i++) {
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--configDir",
                                    dir.toString(),
                                    "-Dtaskmanager.resource-id=" + taskManagerId(i)));
            args.addAll(jvm.dynamicConfigs());
            processes.add(
                    java(
                            i == 0 ? "taskmanager" : "taskmanager-" + i,
                            jvm.parameters(),
                            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            args.toArray(String[]::new)));
        }
        await(
                taskManagers + " registered TaskManagers",
                () -> rest.get("/overview").contains("\"taskmanagers\":" + taskManagers));
    }

    /** The resource id of TaskManager {@code i}, as the REST API names it. */
    public static String taskManagerId(int i) {
        return "tm-" + i;
    }

    /** Adds lines to the cluster's config.yaml; before {@link #start}. */
    public void configure(String... lines) throws IOException {
        Files.writeString(
                dir.resolve("config.yaml"),
                String.join("\n", lines) + "\n",
                StandardOpenOption.APPEND);
    }

    /**
     * The peak resident memory of each TaskManager process so far (its {@code VmHWM}), in MB,
     * oldest first; -1 where the system does not say.
     */
    public List<Long> taskManagerResidentPeakMb() {
        List<Long> out = new ArrayList<>();
        for (Process p : processes.subList(1, processes.size())) {
            out.add(ResidentMemory.peakKb(p.pid()) >> 10);
        }
        return out;
    }

    /**
     * The TaskManagers' memory against their size: each one's peak resident set so far, the process
     * size they are configured with, and the heap Flink's memory model gives their JVMs.
     */
    public Map<String, Object> taskManagerMemory() {
        TaskManagerJvm jvm = TaskManagerJvm.of(dir);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("taskManagerResidentPeakMb", taskManagerResidentPeakMb());
        r.put("taskManagerProcessSizeMb", jvm.processSizeMb());
        r.put("taskManagerHeapMb", jvm.heapMb());
        return r;
    }

    /** Kills TaskManager {@code id}'s process at once (SIGKILL), as a crashed machine would. */
    public void killTaskManager(String id) throws InterruptedException {
        Process p = processes.get(1 + Integer.parseInt(id.substring("tm-".length())));
        killed.add(p);
        p.destroyForcibly();
        p.waitFor(15, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void await(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!check.holds()) {
            for (Process p : processes) {
                if (!p.isAlive() && !killed.contains(p)) {
                    throw new IllegalStateException(
                            "a Flink process exited waiting for " + what + "; see " + dir);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + what + " after 90 s; see logs in " + dir);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /**
     * {@code flink run -d -p PARALLELISM JAR} with {@code conf} as its {@code --key value}
     * arguments, as an operator submits it: the job's client, or an exception naming the log.
     */
    public JobClient submit(Path jar, int parallelism, Configuration conf) throws Exception {
        List<String> args = new ArrayList<>();
        conf.toMap()
                .forEach(
                        (k, v) -> {
                            args.add("--" + k);
                            args.add(v);
                        });
        int rc = flinkRun(jar, parallelism, args);
        if (rc != 0 || jobIds().isEmpty()) {
            throw new IllegalStateException(
                    "flink run of "
                            + jar.getFileName()
                            + " failed (exit "
                            + rc
                            + "); see "
                            + dir.resolve("flink-run.log"));
        }
        return jobClient(jobIds().get(0));
    }

    /** Runs {@code flink run -d JAR ARGS...} and returns its exit code; output in flink-run.log. */
    public int flinkRun(Path jar, List<String> args) throws Exception {
        return flinkRun(jar, 0, args);
    }

    /** {@code flink run -d -p PARALLELISM JAR ARGS...}; 0 leaves the cluster's default. */
    public int flinkRun(Path jar, int parallelism, List<String> args) throws Exception {
        List<String> cliArgs = new ArrayList<>(List.of("run", "-d"));
        if (parallelism > 0) {
            cliArgs.addAll(List.of("-p", Integer.toString(parallelism)));
        }
        cliArgs.add(jar.toString());
        cliArgs.addAll(args);
        Process p =
                java(
                        "flink-run",
                        List.of("-Xmx768m"),
                        "org.apache.flink.client.cli.CliFrontend",
                        cliArgs.toArray(String[]::new));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("flink run did not finish in 120 s");
        }
        return p.exitValue();
    }

    public String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    /** Cancels a job and waits until the cluster reports it cancelled. */
    public void cancel(String jobId) throws Exception {
        rest.patch("/jobs/" + jobId + "?mode=cancel");
        await(
                "job " + jobId + " cancelled",
                () -> rest.get("/jobs/" + jobId).contains("\"state\":\"CANCELED\""));
    }

    /** The TaskManagers the job's subtasks run on (their ids), from the REST API. */
    public Set<String> taskManagersOf(String jobId) throws Exception {
        return rest.taskManagersOf(jobId);
    }

    /**
     * A client of a job the cluster runs, as Flink's own CLI holds it: its status, its result, and
     * cancelling it.
     */
    public JobClient jobClient(String jobId) {
        return rest.jobClient(jobId);
    }

    /** Ids of the jobs the cluster knows. */
    public List<String> jobIds() throws Exception {
        return rest.jobIds();
    }

    private Process java(String name, List<String> memory, String main, String... args)
            throws IOException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        cmd.addAll(memory);
        cmd.addAll(
                List.of(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                        "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "--add-opens=java.base/java.net=ALL-UNNAMED",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.time=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                        "-cp",
                        flinkLib,
                        main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("FLINK_CONF_DIR", dir.toString());
        return pb.start();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
