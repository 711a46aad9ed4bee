package io.waddle.autoscaler.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether an InfluxDB answers where the demo would write to it. */
final class InfluxProbe {
    private InfluxProbe() {}

    /** {@code url} if an InfluxDB answers its /ping within a second, else null. */
    static String reachable(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<Void> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/ping"))
                                    .timeout(Duration.ofSeconds(1))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 204 && r.headers().firstValue("X-Influxdb-Version").isPresent()
                    ? url
                    : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
