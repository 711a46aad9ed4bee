package io.waddle.autoscaler.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code influxd} (InfluxDB 1.x, as installed by {@code .ci/run}) for one test class: its
 * meta, data and WAL directories in a temporary folder, HTTP on a free port of 127.0.0.1.
 */
public final class InfluxServer implements AutoCloseable {
    private Process process;
    private final int port;
    private final Path dir;

    private InfluxServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static InfluxServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /**
     * @param auth with authentication on ({@code auth-enabled}): create the first admin user with
     *     {@link #createAdmin} before anything else
     */
    public static InfluxServer start(Path dir, boolean auth)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(
                config,
                "reporting-disabled = true\n"
                        + "bind-address = \"127.0.0.1:"
                        + freePort()
                        + "\"\n"
                        + "[meta]\n  dir = \""
                        + dir.resolve("meta")
                        + "\"\n"
                        + "[data]\n  dir = \""
                        + dir.resolve("data")
                        + "\"\n  wal-dir = \""
                        + dir.resolve("wal")
                        + "\"\n  query-log-enabled = false\n"
                        + "[http]\n  bind-address = \"127.0.0.1:"
                        + port
                        + "\"\n  log-enabled = false\n"
                        + (auth ? "  auth-enabled = true\n" : "")
                        + "[monitor]\n  store-enabled = false\n");
        InfluxServer server = new InfluxServer(launch(dir), port, dir);
        server.awaitPing(Duration.ofSeconds(30));
        return server;
    }

    private static Process launch(Path dir) throws IOException {
        return new ProcessBuilder(
                        "influxd",
                        "-config",
                        dir.resolve("influxdb.conf").toString(),
                        "-pidfile",
                        dir.resolve("influxd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                .start();
    }

    /** Stops the server, as an outage does; {@link #restart} brings it back with its data. */
    public void stop() throws InterruptedException {
        close();
    }

    /** Starts the stopped server again on the same port and data. */
    public void restart() throws IOException, InterruptedException {
        process = launch(dir);
        awaitPing(Duration.ofSeconds(30));
    }

    /** The first user of a server with authentication on (InfluxDB lets anyone create it). */
    public void createAdmin(String user, String password) throws IOException {
        String q =
                "CREATE USER \"" + user + "\" WITH PASSWORD '" + password + "' WITH ALL PRIVILEGES";
        HttpURLConnection c =
                (HttpURLConnection)
                        URI.create(
                                        url()
                                                + "/query?q="
                                                + java.net.URLEncoder.encode(
                                                        q, java.nio.charset.StandardCharsets.UTF_8))
                                .toURL()
                                .openConnection();
        c.setRequestMethod("POST");
        if (c.getResponseCode() != 200) {
            throw new IOException("CREATE USER answered " + c.getResponseCode());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitPing(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("influxd exited with " + process.exitValue());
            }
            try {
                HttpURLConnection c =
                        (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
                c.setConnectTimeout(200);
                if (c.getResponseCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting: try again below
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("influxd did not answer /ping within " + timeout);
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
