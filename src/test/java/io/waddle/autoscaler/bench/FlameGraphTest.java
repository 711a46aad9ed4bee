package io.waddle.autoscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddle.autoscaler.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench flamegraph} on a real JFR recording, and on what is not one. */
class FlameGraphTest {
    @TempDir Path dir;

    private static CliRun flamegraph(String... args) {
        return CliRun.of("autoscaler bench flamegraph", new FlameGraph(), args);
    }

    /** Burns CPU in a method of its own, so that the recording samples it. */
    private static double spin(long nanos) {
        double x = 0;
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += Math.sqrt(i + x);
            }
        }
        return x;
    }

    @Test
    void drawsTheSampledMethodsAsAnSvgWithTheirThreadAsRoot() throws Exception {
        Path jfr = dir.resolve("run.jfr");
        Thread worker = new Thread(() -> spin(Duration.ofMillis(800).toNanos()), "flame-worker");
        try (Recording r = new Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            r.start();
            worker.start();
            worker.join();
            r.stop();
            r.dump(jfr);
        }
        Path svg = dir.resolve("out.svg");

        CliRun run = flamegraph(jfr.toString(), svg.toString(), "--threads", "flame-worker");

        assertThat(run.exit()).as(run.err()).isZero();
        String text = Files.readString(svg);
        // Well-formed XML, the thread as a root, the spinning method in a box.
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(text).contains("<title>flame-worker (").contains("FlameGraphTest.spin");
    }

    @Test
    void aFileThatIsNotARecordingIsOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jfr"), "hi");

        CliRun run = flamegraph(bad.toString(), dir.resolve("out.svg").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains("cannot read").contains("bad.jfr");
    }
}
