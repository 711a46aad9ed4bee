package io.waddle.autoscaler.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.ClusterClientJobClientAdapter;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;

/** The REST API of a {@link StandaloneFlinkCluster}'s JobManager on localhost. */
final class ClusterRest {
    private static final Pattern JOB_ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
    private static final Pattern TASK_MANAGER_ID =
            Pattern.compile("\"taskmanager-id\":\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    ClusterRest(int port) {
        this.port = port;
    }

    /** The body of {@code GET path}; empty while the endpoint does not answer. */
    String get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build());
    }

    /** {@code PATCH path} without a body. */
    void patch(String path) throws InterruptedException {
        send(
                HttpRequest.newBuilder(uri(path))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(5))
                        .build());
    }

    /** Ids of the jobs the cluster knows. */
    List<String> jobIds() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Matcher m = JOB_ID.matcher(get("/jobs"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The TaskManagers the job's subtasks run on (their ids). */
    Set<String> taskManagersOf(String jobId) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        Matcher vertices = JOB_ID.matcher(get("/jobs/" + jobId));
        while (vertices.find()) {
            Matcher m =
                    TASK_MANAGER_ID.matcher(
                            get(
                                    "/jobs/"
                                            + jobId
                                            + "/vertices/"
                                            + vertices.group(1)
                                            + "/taskmanagers"));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** A client of a job the cluster runs, as Flink's own CLI holds it. */
    JobClient jobClient(String jobId) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.PORT, port);
        // The adapter closes the client after each request: a new one for each.
        return new ClusterClientJobClientAdapter<>(
                () -> {
                    try {
                        return new RestClusterClient<>(conf, StandaloneClusterId.getInstance());
                    } catch (Exception e) {
                        throw new IllegalStateException("no REST client for the cluster", e);
                    }
                },
                JobID.fromHexString(jobId),
                getClass().getClassLoader());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        }
    }
}
