package io.waddle.autoscaler.jobs.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Runs the command lines ({@code ./autoscaler demo}, {@code bench ...}, {@code policy ...}) alike:
 * generated {@code --help}, typed options, and one line for an ordinary mistake, never a stack
 * trace: exit 2 for a bad flag or value, 1 for a failure the user can act on (a missing file, a
 * refused input, an unreachable broker). Anything else is a bug and keeps its stack trace.
 */
public final class Cli {
    /** Exit code of a bad flag or value. */
    public static final int USAGE = 2;

    /** Exit code of a failure with a clear cause (a missing file, a refused document). */
    public static final int FAILED = 1;

    private Cli() {}

    /** A mistake the user can act on: its message is the whole story. */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs {@code command} on {@code args}; returns the exit code. */
    public static int run(String name, Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName(name);
        cl.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    ex.getCommandLine()
                            .getErr()
                            .println(name + ": " + ex.getMessage() + " (see --help)");
                    return USAGE;
                });
        cl.setExecutionExceptionHandler(
                (ex, c, parsed) -> {
                    String why = userMessage(ex);
                    if (why == null) {
                        throw ex;
                    }
                    c.getErr().println(name + ": " + why);
                    return ex instanceof IllegalArgumentException ? USAGE : FAILED;
                });
        return cl.execute(args);
    }

    /** The one line a user needs for {@code e}, or null if {@code e} is a bug. */
    static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
                return "no such file: " + t.getMessage();
            }
            if (t instanceof AccessDeniedException) {
                return "cannot read " + t.getMessage();
            }
            if (t instanceof UncheckedIOException && t.getCause() != null) {
                continue;
            }
        }
        return null;
    }
}
