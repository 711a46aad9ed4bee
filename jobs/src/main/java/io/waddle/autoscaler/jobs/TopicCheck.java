package io.waddle.autoscaler.jobs;

import static io.waddle.autoscaler.config.AutoscalerOptions.ACTUATION_RESULTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.ALERTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.COMMANDS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.DEAD_LETTER_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.EVENTS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.METRICS_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.POLICIES_TOPIC;
import static io.waddle.autoscaler.config.AutoscalerOptions.POLICY_EVENTS_TOPIC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks before submission that every topic the job needs exists, so that a missing topic is a
 * clear message rather than a failing source; warns of a missing control topic (the job runs
 * without it) and of a policy topic that is not compacted.
 */
public final class TopicCheck {
    /** The topics the job cannot run without. */
    private static final List<ConfigOption<String>> TOPICS =
            List.of(
                    METRICS_TOPIC,
                    COMMANDS_TOPIC,
                    EVENTS_TOPIC,
                    POLICY_EVENTS_TOPIC,
                    DEAD_LETTER_TOPIC,
                    ALERTS_TOPIC);

    /**
     * The control topics: the job runs without them (under its own options, with no actuation
     * results) and reads them once they exist ({@code autoscaler.kafka.control-topic-discovery}).
     */
    private static final List<ConfigOption<String>> CONTROL_TOPICS =
            List.of(POLICIES_TOPIC, ACTUATION_RESULTS_TOPIC);

    private TopicCheck() {}

    /**
     * @return warnings (e.g. a policy topic that is not compacted); throws IllegalStateException
     *     naming every missing topic
     */
    public static List<String> verify(Configuration conf, Properties adminProperties)
            throws Exception {
        List<String> warnings = new ArrayList<>();
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> missing = new TreeSet<>();
            for (ConfigOption<String> o : TOPICS) {
                if (!existing.contains(conf.get(o))) {
                    missing.add(conf.get(o) + " (" + o.key() + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "missing Kafka topics: "
                                + String.join(", ", missing)
                                + ". Create them first (README, \"Running on a Flink cluster\").");
            }
            for (ConfigOption<String> o : CONTROL_TOPICS) {
                if (!existing.contains(conf.get(o))) {
                    warnings.add(
                            "topic "
                                    + conf.get(o)
                                    + " ("
                                    + o.key()
                                    + ") does not exist yet: the job runs without it and reads it"
                                    + " once it is created");
                }
            }
            if (existing.contains(conf.get(POLICIES_TOPIC))) {
                warnIfNotCompacted(admin, conf.get(POLICIES_TOPIC), warnings);
            }
        }
        return warnings;
    }

    private static void warnIfNotCompacted(Admin admin, String topic, List<String> warnings)
            throws Exception {
        ConfigResource policies = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(List.of(policies)).all().get(30, TimeUnit.SECONDS);
        String cleanup = configs.get(policies).get("cleanup.policy").value();
        if (!cleanup.contains("compact")) {
            warnings.add(
                    "policy topic "
                            + topic
                            + " has cleanup.policy="
                            + cleanup
                            + "; without compaction old policies expire with the topic's"
                            + " retention");
        }
    }
}
