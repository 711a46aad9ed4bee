package io.waddle.autoscaler.demo;

import io.waddle.autoscaler.core.model.PolicyRef;
import io.waddle.autoscaler.core.model.ScalingEvent;
import io.waddle.autoscaler.sim.SupplyLedger;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The demo's terminal output: the live view and the closing summary. */
final class DemoReport {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WINDOW_END =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String BARS = "▁▂▃▄▅▆▇█";
    private static final int DETAIL_WIDTH = 70;

    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    void viewHeader(Instant now) {
        out.printf(Locale.ROOT, "%n── %s UTC %s%n", CLOCK.format(now), "─".repeat(60));
        out.printf(
                Locale.ROOT,
                "%-24s %11s %-20s %5s  %s%n",
                "service",
                "load req/s",
                "capacity",
                "util",
                "last decision (its window's end)");
    }

    void viewRow(
            String key,
            double load,
            int ready,
            int starting,
            String unit,
            double utilization,
            ScalingEvent last) {
        String capacity = ready + " " + unit + (starting > 0 ? " (+" + starting + ")" : "");
        String decision = last == null ? "(none yet)" : describe(last);
        out.printf(
                Locale.ROOT,
                "%-24s %,11.0f %-20s %4.0f%%  %s%n",
                key,
                load,
                capacity,
                Math.min(utilization, 9.99) * 100,
                decision);
    }

    void lastCommand(ScalingEvent command) {
        if (command != null) {
            out.printf(
                    Locale.ROOT,
                    "%-24s %11s %-20s %5s  last command %s at %s%n",
                    "",
                    "",
                    "",
                    "",
                    command.action()
                            + " "
                            + command.from()
                            + "->"
                            + command.to()
                            + " "
                            + command.reason(),
                    HOUR_MINUTE.format(command.decidedAt()));
        }
    }

    /**
     * The decision with the time of the window it decided, so that an older one does not read as
     * the answer to the load shown beside it; and who made it when it was not the job's options.
     */
    private static String describe(ScalingEvent e) {
        String head =
                WINDOW_END.format(e.decidedAt())
                        + " "
                        + (e.from() == e.to()
                                ? "none at " + e.from() + " " + e.reason()
                                : e.action() + " " + e.from() + "->" + e.to() + " " + e.reason());
        if (PolicyRef.COORDINATOR.id().equals(e.policyId())) {
            head += " [by the coordinator]";
        } else if (!PolicyRef.BUILTIN.id().equals(e.policyId())) {
            head += " [policy " + e.policyId() + " v" + e.policyVersion() + "]";
        }
        String detail = e.detail();
        if (detail.length() > DETAIL_WIDTH) {
            detail = detail.substring(0, DETAIL_WIDTH - 3) + "...";
        }
        return head + " (" + detail + ")";
    }

    void summary(
            DemoOptions o,
            Instant start,
            double capacity,
            long wallSeconds,
            List<String> keys,
            List<SupplyLedger> ledgers) {
        out.printf(Locale.ROOT, "%n══ Summary %s%n", "═".repeat(80));
        out.printf(
                Locale.ROOT,
                "%d simulated minutes from %s UTC in %dm%02ds (speed-up %.0fx); one instance serves"
                        + " %.1f req/s; provisioning delay %ds%n",
                o.minutes(),
                CLOCK.format(start),
                wallSeconds / 60,
                wallSeconds % 60,
                o.speedup(),
                capacity,
                o.provisioningDelay().toSeconds());
        out.println(
                "demand = units the load needs at 100 % utilization (instances, relays, pool"
                        + " connections, cache nodes); supply = units serving");
        out.printf(
                Locale.ROOT,
                "%-34s %8s %8s %11s %11s %9s %9s %9s %8s%n",
                "service",
                "demand",
                "supply",
                "peak d/s",
                "under-prov",
                "unserved",
                "inst-h",
                "scale-up",
                "sc-down");
        for (int i = 0; i < keys.size(); i++) {
            SupplyLedger l = ledgers.get(i);
            out.printf(
                    Locale.ROOT,
                    "%-34s %8.1f %8.1f %11s %10.1f%% %8.2f%% %9.1f %9d %8d%n",
                    keys.get(i),
                    l.meanDemand(),
                    l.meanSupply(),
                    l.peakDemand() + "/" + l.peakSupply(),
                    l.underProvisionedShare() * 100,
                    l.unservedFraction() * 100,
                    l.instanceHours(),
                    l.scaleUps(),
                    l.scaleDowns());
        }
        for (int i = 0; i < keys.size(); i++) {
            SupplyLedger l = ledgers.get(i);
            int max = Math.max(l.peakDemand(), l.peakSupply());
            out.printf(
                    Locale.ROOT,
                    "%n%s (each mark: %d simulated minutes, full height: %d)%n",
                    keys.get(i),
                    Math.max(1, o.minutes() / 60),
                    max);
            out.println("  demand " + sparkline(l.demandSeries(), max));
            out.println("  supply " + sparkline(l.supplySeries(), max));
        }
    }

    /** At most 60 marks, each the highest value of its bucket. */
    static String sparkline(List<Integer> series, int max) {
        int marks = Math.min(60, series.size());
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < marks; m++) {
            int from = m * series.size() / marks;
            int to = Math.max(from + 1, (m + 1) * series.size() / marks);
            int v = series.subList(from, to).stream().mapToInt(Integer::intValue).max().orElse(0);
            int idx = max == 0 ? 0 : (int) Math.round((double) v / max * (BARS.length() - 1));
            sb.append(BARS.charAt(idx));
        }
        return sb.toString();
    }
}
