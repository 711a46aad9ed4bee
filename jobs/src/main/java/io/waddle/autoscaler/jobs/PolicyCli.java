package io.waddle.autoscaler.jobs;

import io.waddle.autoscaler.config.AutoscalerOptions;
import io.waddle.autoscaler.core.model.PolicyEvent;
import io.waddle.autoscaler.core.policy.InvalidPolicyException;
import io.waddle.autoscaler.core.policy.PolicyParser;
import io.waddle.autoscaler.core.policy.ScalingPolicy;
import io.waddle.autoscaler.jobs.cli.Cli;
import io.waddle.autoscaler.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./autoscaler policy}: manage the policies on the compacted policy topic, and read the
 * job's verdict on them from the policy-events topic. Validation is the job's own, so a policy that
 * validates here is accepted there.
 */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Scaling policies: validate, publish, list, delete, and the job's verdicts.",
        subcommands = {
            PolicyCli.Validate.class,
            PolicyCli.Publish.class,
            PolicyCli.ListPolicies.class,
            PolicyCli.Delete.class,
            PolicyCli.Events.class
        })
public final class PolicyCli implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "needs validate, publish, list, delete or events");
    }

    public static void main(String[] args) {
        System.exit(Cli.run("autoscaler policy", new PolicyCli(), args));
    }

    /** Where the policy topic is and how to reach it. */
    static final class KafkaFlags {
        @Option(
                names = "--bootstrap",
                defaultValue = "localhost:9092",
                paramLabel = "HOST:PORT",
                description = "Brokers (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        @Option(
                names = "--topic",
                paramLabel = "NAME",
                description = "Policy topic (default: waddle.policies).")
        String topic = AutoscalerOptions.POLICIES_TOPIC.defaultValue();

        @Option(
                names = "--events-topic",
                paramLabel = "NAME",
                description =
                        "Policy-events topic the job writes its verdicts to (default:"
                                + " waddle.policy-events).")
        String eventsTopic = AutoscalerOptions.POLICY_EVENTS_TOPIC.defaultValue();

        @Option(
                names = "--command-config",
                paramLabel = "FILE",
                description = "Kafka client properties, e.g. security.protocol=SASL_SSL.")
        Path commandConfig;

        @Option(
                names = "--property",
                paramLabel = "KEY=VALUE",
                description = "One Kafka client property; may repeat.")
        Map<String, String> properties = Map.of();

        PolicyTopic open() throws IOException {
            Properties p = new Properties();
            if (commandConfig != null) {
                try (InputStream in = Files.newInputStream(commandConfig)) {
                    p.load(in);
                }
            }
            p.putAll(properties);
            p.setProperty("bootstrap.servers", bootstrap);
            return new PolicyTopic(topic, eventsTopic, p);
        }
    }

    /** {@code --wait [SECONDS]}: wait for the job's verdict on the record just written. */
    static final class WaitFlag {
        @Option(
                names = "--wait",
                paramLabel = "SECONDS",
                arity = "0..1",
                fallbackValue = "60",
                description =
                        "Wait for the job's verdict on this record (ACCEPTED, DELETED, REJECTED"
                                + " with the field, STALE) and print it; exit 1 unless it took"
                                + " effect. Without a value: up to 60 s.")
        Integer seconds;

        int verdict(PrintWriter out, PolicyTopic topic, String origin) throws Exception {
            return seconds == null ? 0 : PolicyCli.verdict(out, topic, origin, seconds);
        }
    }

    /** The deployment's hard limit, as the job has it. */
    static final class LimitFlag {
        @Option(
                names = "--max-instances",
                paramLabel = "N",
                description =
                        "The job's autoscaler.metrics.max-instances: a policy scaling past it is"
                                + " refused (default: ${DEFAULT-VALUE}).")
        int maxInstances = AutoscalerOptions.MAX_INSTANCES.defaultValue();
    }

    /** The policy document in FILE, or one line saying why it is not one. */
    static ScalingPolicy read(Path file, int maxInstances) throws IOException {
        if (Files.isDirectory(file)) {
            throw new Cli.UserError(file + " is a directory, not a policy document");
        }
        long bytes = Files.size(file);
        if (bytes > 4L * PolicyParser.MAX_DOCUMENT_CHARS) {
            throw new Cli.UserError(
                    "invalid: "
                            + file
                            + " has "
                            + bytes
                            + " bytes; a policy has at most "
                            + PolicyParser.MAX_DOCUMENT_CHARS
                            + " characters");
        }
        try {
            return new PolicyParser(maxInstances).parse(Files.readString(file));
        } catch (InvalidPolicyException e) {
            throw new Cli.UserError("invalid: " + e.getMessage());
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Checks FILE as the job would; exits 1 with the job's message if invalid.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin LimitFlag limit;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ScalingPolicy p = read(file, limit.maxInstances);
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "valid: policy %s version %d, %s, mode %s%n",
                            p.policyId(),
                            p.version(),
                            describe(p.appliesTo()),
                            p.mode().wireName());
            return 0;
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description =
                    "Validates FILE, checks its version is newer than the one on the topic (the job"
                            + " ignores one that is not), then writes it keyed by its policy_id.")
    static final class Publish implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin WaitFlag wait;

        @Mixin LimitFlag limit;

        @Mixin KafkaFlags kafka;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ScalingPolicy p = read(file, limit.maxInstances);
            PolicyTopic topic = kafka.open();
            ScalingPolicy onTopic = topic.latest().get(p.policyId());
            if (onTopic != null && p.version() <= onTopic.version()) {
                throw new Cli.UserError(
                        "not published: version "
                                + p.version()
                                + " is not newer than version "
                                + onTopic.version()
                                + " of "
                                + p.policyId()
                                + " on "
                                + kafka.topic
                                + ", so the job would ignore it (STALE); raise \"version\"");
            }
            String origin = topic.send(p.policyId(), Files.readString(file));
            out.printf(
                    Locale.ROOT,
                    "published policy %s version %d to %s%n",
                    p.policyId(),
                    p.version(),
                    origin);
            return wait.verdict(out, topic, origin);
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Writes a tombstone for POLICY_ID: the job drops the policy.")
    static final class Delete implements Callable<Integer> {
        @Parameters(paramLabel = "POLICY_ID")
        String id;

        @Mixin WaitFlag wait;

        @Mixin KafkaFlags kafka;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PolicyTopic topic = kafka.open();
            String origin = topic.send(id, null);
            out.printf(Locale.ROOT, "deleted policy %s (tombstone at %s)%n", id, origin);
            return wait.verdict(out, topic, origin);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The policies in force: the latest record per policy id on the topic.")
    static final class ListPolicies implements Callable<Integer> {
        @Mixin KafkaFlags kafka;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PolicyTopic.Listing l = kafka.open().listing();
            if (l.valid().isEmpty() && l.invalid().isEmpty()) {
                out.println(
                        "no policy in force on "
                                + kafka.topic
                                + (l.deleted().isEmpty()
                                        ? ""
                                        : " (deleted: " + String.join(", ", l.deleted()) + ")")
                                + "; the job's options apply to every service");
                return 0;
            }
            out.printf(
                    Locale.ROOT,
                    "%-28s %8s  %-13s %s%n",
                    "policy",
                    "version",
                    "mode",
                    "applies to");
            l.valid()
                    .forEach(
                            (id, sp) ->
                                    out.printf(
                                            Locale.ROOT,
                                            "%-28s %8d  %-13s %s%n",
                                            id,
                                            sp.version(),
                                            sp.mode().wireName(),
                                            describe(sp.appliesTo())));
            l.invalid()
                    .forEach(
                            (id, why) ->
                                    out.printf(
                                            Locale.ROOT,
                                            "%-28s %8s  %-13s invalid, not in force: %s%n",
                                            id,
                                            "-",
                                            "-",
                                            why));
            return 0;
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description =
                    "The job's verdicts on the policy records, oldest first: ACCEPTED, DELETED,"
                            + " REJECTED (with the field and why) or STALE.")
    static final class Events implements Callable<Integer> {
        @Option(
                names = "--last",
                defaultValue = "20",
                description = "How many of the latest verdicts (default: ${DEFAULT-VALUE}).")
        int last;

        @Mixin KafkaFlags kafka;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<PolicyEvent> events = kafka.open().events();
            if (events.isEmpty()) {
                out.println(
                        "no verdict on "
                                + kafka.eventsTopic
                                + " yet: is the job running, and reading "
                                + kafka.topic
                                + "?");
                return 0;
            }
            for (PolicyEvent e : events.subList(Math.max(0, events.size() - last), events.size())) {
                out.println(describe(e));
            }
            return 0;
        }
    }

    /** Waits for the job's verdict on the record at {@code origin}; 0 if it took effect. */
    static int verdict(PrintWriter out, PolicyTopic topic, String origin, int seconds)
            throws Exception {
        PolicyEvent e = topic.awaitVerdict(origin, Duration.ofSeconds(seconds));
        if (e == null) {
            throw new Cli.UserError(
                    "no verdict from the job on "
                            + origin
                            + " within "
                            + seconds
                            + " s: is it running and reading the policy topic?");
        }
        out.println("the job: " + describe(e));
        return e.verdict().tookEffect() ? 0 : Cli.FAILED;
    }

    static String describe(PolicyEvent e) {
        String what =
                e.policyId()
                        + (e.version() != null ? " version " + e.version() : "")
                        + " "
                        + e.outcome();
        String why =
                switch (e.verdict()) {
                    case ACCEPTED -> "now in force";
                    case DELETED -> "no longer in force; the job's options or another policy apply";
                    case REJECTED -> e.field() + ": " + e.reason() + "; the previous version stays";
                    case STALE ->
                            "not newer than version "
                                    + e.versionInForce()
                                    + " in force, which stays; raise \"version\"";
                };
        return e.publishedAt() + " " + what + " (" + why + ") [" + e.origin() + "]";
    }

    static String describe(ScalingPolicy.Selector s) {
        if (s.isDefault()) {
            return "every service (default)";
        }
        String who =
                s.service() != null
                        ? "service " + s.service()
                        : s.servicePattern() != null
                                ? "services " + s.servicePattern()
                                : "every service";
        return who + (s.region() != null ? " in " + s.region() : "");
    }

    /** Reads a policy event from its JSON. */
    static PolicyEvent event(String json) {
        return Json.fromString(json, PolicyEvent.class);
    }
}
