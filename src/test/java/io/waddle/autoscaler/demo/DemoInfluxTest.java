package io.waddle.autoscaler.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddle.autoscaler.testing.InfluxServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo writes to InfluxDB only when one answers where it looks. */
class DemoInfluxTest {

    @Test
    void aRunningInfluxdIsFoundAndAnythingElseIsNot(@TempDir Path dir) throws Exception {
        try (InfluxServer influx = InfluxServer.start(dir)) {
            assertThat(InfluxProbe.reachable(influx.url())).isEqualTo(influx.url());
            assertThat(InfluxProbe.reachable(influx.url() + "/")).isEqualTo(influx.url() + "/");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(InfluxProbe.reachable("http://127.0.0.1:" + closed)).isNull();
        assertThat(InfluxProbe.reachable("")).isNull();
    }

    @Test
    void theFlagTakesAUrlOrNone() {
        assertThat(DemoOptions.parse().influx()).isEqualTo("http://127.0.0.1:8086");
        assertThat(DemoOptions.parse("--influx", "none").influx()).isEmpty();
        assertThat(DemoOptions.parse("--influx", "http://influx:8086").influx())
                .isEqualTo("http://influx:8086");
        assertThatThrownBy(() -> DemoOptions.parse("--influx", "influx:8086"))
                .hasMessageContaining("--influx is an http(s) URL or none");
    }
}
