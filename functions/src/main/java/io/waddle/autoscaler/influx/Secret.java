package io.waddle.autoscaler.influx;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret comes from, not the secret: a file (its first line) or an environment variable,
 * read where the secret is used (on the TaskManager), so that it never travels in the job graph, a
 * log or an event. {@link #toString} never shows it.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String env;

    private Secret(String file, String env) {
        this.file = file;
        this.env = env;
    }

    public static final Secret NONE = new Secret(null, null);

    /** The first line of {@code file}. */
    public static Secret fromFile(String file) {
        return new Secret(file, null);
    }

    /** The value of environment variable {@code name}. */
    public static Secret fromEnv(String name) {
        return new Secret(null, name);
    }

    public boolean isNone() {
        return file == null && env == null;
    }

    /**
     * The secret now; empty if there is none.
     *
     * @throws IllegalStateException naming the file or variable (never the value) if it cannot be
     *     read
     */
    public String reveal() {
        if (file != null) {
            try {
                return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                        .findFirst()
                        .orElse("")
                        .strip();
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("cannot read the secret file " + file);
            }
        }
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) {
                throw new IllegalStateException("environment variable " + env + " is not set");
            }
            return v;
        }
        return "";
    }

    @Override
    public String toString() {
        if (file != null) {
            return "secret from file " + file;
        }
        return env != null ? "secret from $" + env : "no secret";
    }
}
