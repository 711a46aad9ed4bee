package io.waddle.autoscaler.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Reads the job's configuration: an optional Flink {@code config.yaml} ({@code --config DIR}), then
 * every {@code --key value} pair on the command line, which wins.
 */
public final class JobConfiguration {
    private JobConfiguration() {}

    public static Configuration fromArgs(String[] args) {
        Configuration conf = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "arguments must be '--key value' pairs; '" + arg + "' has no value");
            }
            String key = arg.substring(2);
            String value = args[++i];
            if (key.equals("config")) {
                Path dir = Path.of(value);
                if (!Files.isRegularFile(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))) {
                    throw new IllegalArgumentException(
                            "--config "
                                    + value
                                    + " must be a directory holding "
                                    + GlobalConfiguration.FLINK_CONF_FILENAME);
                }
                conf.addAll(GlobalConfiguration.loadConfiguration(dir.toString()));
            } else {
                conf.setString(key, value);
            }
        }
        return conf;
    }
}
