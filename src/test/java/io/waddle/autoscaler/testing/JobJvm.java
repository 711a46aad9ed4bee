package io.waddle.autoscaler.testing;

import io.waddle.autoscaler.jobs.AutoscalerJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the job's main class in a JVM of its own, on this test's class path. */
public final class JobJvm {
    private JobJvm() {}

    /**
     * @param jvmFlags e.g. a log4j configuration
     * @param jobArgs the job's {@code --key value} arguments
     */
    public static List<String> command(List<String> jvmFlags, List<String> jobArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(jvmFlags);
        for (String pkg :
                List.of(
                        "java.lang",
                        "java.lang.reflect",
                        "java.net",
                        "java.io",
                        "java.nio",
                        "sun.nio.ch",
                        "java.text",
                        "java.time",
                        "java.util",
                        "java.util.concurrent",
                        "java.util.concurrent.atomic",
                        "java.util.concurrent.locks")) {
            cmd.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        cmd.add(AutoscalerJob.class.getName());
        cmd.addAll(jobArgs);
        return cmd;
    }
}
