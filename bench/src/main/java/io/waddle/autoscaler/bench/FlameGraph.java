package io.waddle.autoscaler.bench;

import io.waddle.autoscaler.jobs.cli.Cli;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./autoscaler bench flamegraph}: a flame graph (SVG) of the CPU samples of a Java Flight
 * Recorder file, such as {@code bench throughput --profile} writes. Each box is a method; its width
 * is the share of samples with that method on the stack under the boxes below it. The job's own
 * code is orange, Flink's blue, RocksDB's green, Kafka's purple, the JDK's grey. Each Flink task
 * thread is its own root, named after its operators, so the graph shows where each task's time
 * goes; hovering a box shows its samples.
 */
@Command(
        name = "flamegraph",
        mixinStandardHelpOptions = true,
        description = "A flame graph (SVG) of the CPU samples in a JFR recording.")
public final class FlameGraph implements Callable<Integer> {
    private static final int WIDTH = 1800;
    private static final int ROW = 16;

    @Parameters(index = "0", paramLabel = "RECORDING.jfr")
    Path recording;

    @Parameters(index = "1", paramLabel = "OUT.svg")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "TEXT",
            description = "Only threads whose name contains TEXT (default: every thread).")
    String threads = "";

    @Option(
            names = "--title",
            description = "Title above the graph (default: the recording's file name).")
    String title;

    /** A node of the call tree: samples with this frame on the stack under its parent. */
    private static final class Node {
        final String name;
        long samples;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String n) {
            return children.computeIfAbsent(n, Node::new);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(recording)) {
            throw new Cli.UserError("no such recording: " + recording);
        }
        Node root = new Node("all");
        try {
            read(root);
        } catch (IOException e) {
            throw new Cli.UserError("cannot read " + recording + ": " + e.getMessage());
        }
        if (root.samples == 0) {
            throw new Cli.UserError(
                    "no CPU samples in " + recording + " for threads '" + threads + "'");
        }
        int depth = depth(root);
        int height = (depth + 3) * ROW;
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(
                    String.format(
                            Locale.ROOT,
                            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                    + " font-family=\"monospace\" font-size=\"11\">%n",
                            WIDTH,
                            height));
            w.write(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"4\" y=\"12\" font-size=\"13\">%s (%,d CPU samples)</text>%n",
                            escape(title != null ? title : recording.getFileName().toString()),
                            root.samples));
            draw(w, root, 0, WIDTH, height - 2 * ROW, root.samples);
            w.write("</svg>\n");
        }
        System.out.println("flame graph of " + root.samples + " samples: " + out);
        return 0;
    }

    private void read(Node root) throws IOException {
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                RecordedThread thread = e.getThread("sampledThread");
                String name = thread == null ? "?" : taskName(thread.getJavaName());
                if (stack == null || !name.contains(threads)) {
                    continue;
                }
                Node n = root;
                n.samples++;
                n = n.child(name);
                n.samples++;
                List<RecordedFrame> frames = stack.getFrames();
                for (int i = frames.size() - 1; i >= 0; i--) {
                    RecordedFrame f = frames.get(i);
                    n = n.child(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                    n.samples++;
                }
            }
        }
    }

    /** Flink task threads end in " (1/1)#0": the operators are the name. */
    private static String taskName(String thread) {
        int i = thread.lastIndexOf(" (");
        return i > 0 ? thread.substring(0, i) : thread.replaceAll("\\d+", "N");
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node c : n.children.values()) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    private static void draw(Writer w, Node n, double x, double width, int y, long total)
            throws IOException {
        if (width < 1.0) {
            return;
        }
        String label =
                String.format(
                        Locale.ROOT,
                        "%s (%,d samples, %.1f %%)",
                        n.name,
                        n.samples,
                        100.0 * n.samples / total);
        w.write(
                String.format(
                        Locale.ROOT,
                        "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                                + " height=\"%d\" fill=\"%s\" stroke=\"white\""
                                + " stroke-width=\"0.5\"/>",
                        escape(label),
                        x,
                        y,
                        width,
                        ROW - 1,
                        colour(n.name)));
        int chars = (int) (width / 6.6);
        if (chars >= 3) {
            String text = n.name.length() <= chars ? n.name : n.name.substring(0, chars - 2) + "..";
            w.write(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\">%s</text>",
                            x + 2,
                            y + ROW - 4,
                            escape(text)));
        }
        w.write("</g>\n");
        List<Node> children = new ArrayList<>(n.children.values());
        children.sort(Comparator.comparing(c -> c.name));
        double cx = x;
        for (Node c : children) {
            double cw = width * c.samples / n.samples;
            draw(w, c, cx, cw, y - ROW, total);
            cx += cw;
        }
    }

    private static String colour(String frame) {
        if (frame.startsWith("io.waddle.")) {
            return "#f39c4b";
        }
        if (frame.startsWith("org.rocksdb.")) {
            return "#6cc36c";
        }
        if (frame.startsWith("org.apache.flink.")) {
            return "#6fa8dc";
        }
        if (frame.startsWith("org.apache.kafka.")) {
            return "#b48ad6";
        }
        if (frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")) {
            return "#c9c9c9";
        }
        return "#e8d56f";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler bench flamegraph", new FlameGraph(), args));
    }
}
