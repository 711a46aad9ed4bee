package io.waddle.autoscaler.flink.cep;

import io.waddle.autoscaler.core.model.ActionPoint;
import io.waddle.autoscaler.core.model.LoadPoint;
import io.waddle.autoscaler.core.model.PatternMatch;
import io.waddle.autoscaler.core.model.PatternMatch.Type;
import io.waddle.autoscaler.core.patterns.PatternHorizons;
import io.waddle.autoscaler.core.patterns.SpikeWatch;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The job's Flink CEP patterns, one definition each, and the functions that turn their matches into
 * {@link PatternMatch}es.
 *
 * <p>The spike and oscillation patterns skip nothing after a match: with a skip strategy, Flink CEP
 * holds a completed match back until every partial match that started earlier has completed or
 * expired, which for these relaxed patterns can be their whole horizon (a spike would be reported
 * minutes late). Every start thus yields its own match; the consumers keep one (the scalers the
 * steepest spike of a window, the alerts one alert while the condition holds). The sustained-low
 * pattern is strictly contiguous: the earliest run completes first, so it skips past its last event
 * and reports each low stretch once per stabilization window.
 *
 * <pre>
 * spike          base: a window with request rate >= its min base rate
 *                then peak: the first later window with rate >= (1 + min rise) x base, at most
 *                `within` after the base; a window past `within` ends the candidate
 *                                                                       (per point: policy or options)
 * sustained low  a run of consecutive windows with CPU under the scale-down threshold, from the
 *                first to one at least the stabilization window later   (per point: policy or options)
 * oscillation    an action, then more than maxChanges direction changes within lastActions actions;
 *                or maxFlips direction changes within flipWindow of the first action   (options)
 * </pre>
 *
 * A direction change is the first later action that goes the other way: relaxed contiguity skips
 * the actions in the same direction between changes.
 */
public final class ScalingPatterns {
    private ScalingPatterns() {}

    public static Pattern<LoadPoint, LoadPoint> spike() {
        return Pattern.<LoadPoint>begin("base", AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(SpikeWatch::canBeBase))
                .next("between")
                .where(new SpikeStep(false))
                .oneOrMore()
                .optional()
                .consecutive()
                .next("peak")
                .where(new SpikeStep(true))
                .within(PatternHorizons.MAX_SPIKE_SPAN);
    }

    /**
     * A window after the base: the peak ({@code peak} true) or one before it, still within the
     * spike's span. A window past the span is neither, so the partial match ends there instead of
     * waiting out the pattern's horizon: a key holds as many partial matches as its span has
     * windows (4 at the default 60 s), not the horizon's 40.
     */
    private static final class SpikeStep extends IterativeCondition<LoadPoint> {
        private static final long serialVersionUID = 1L;
        private final boolean peak;

        SpikeStep(boolean peak) {
            this.peak = peak;
        }

        @Override
        public boolean filter(LoadPoint p, Context<LoadPoint> ctx) throws Exception {
            LoadPoint base = ctx.getEventsForPattern("base").iterator().next();
            return SpikeWatch.withinSpan(base, p) && SpikeWatch.isPeak(base, p) == peak;
        }
    }

    public static Pattern<LoadPoint, LoadPoint> sustainedLow() {
        return Pattern.<LoadPoint>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(LoadPoint::low))
                .next("held")
                .where(new LowRun(false))
                .oneOrMore()
                .optional()
                .consecutive()
                .next("last")
                .where(new LowRun(true))
                .within(PatternHorizons.MAX_LOW_SPAN);
    }

    /** A low window before ({@code complete} false) or at the end of the stabilization window. */
    private static final class LowRun extends IterativeCondition<LoadPoint> {
        private static final long serialVersionUID = 1L;
        private final boolean complete;

        LowRun(boolean complete) {
            this.complete = complete;
        }

        @Override
        public boolean filter(LoadPoint p, Context<LoadPoint> ctx) throws Exception {
            LoadPoint first = ctx.getEventsForPattern("first").iterator().next();
            return p.low() && (p.atMillis() - first.atMillis() >= p.lowForMs()) == complete;
        }
    }

    /**
     * More than {@code maxChanges} direction changes within {@code lastActions} actions, all within
     * {@code horizon} (which bounds how long a partial match is kept).
     */
    public static Pattern<ActionPoint, ActionPoint> directionChanges(
            int lastActions, int maxChanges, Duration horizon) {
        return Pattern.<ActionPoint>begin("start", AfterMatchSkipStrategy.noSkip())
                .followedBy("flip")
                .where(new Flip(lastActions))
                .times(maxChanges + 1)
                .within(horizon);
    }

    /** At least {@code maxFlips} direction changes within {@code window}. */
    public static Pattern<ActionPoint, ActionPoint> flipsWithin(int maxFlips, Duration window) {
        return Pattern.<ActionPoint>begin("start", AfterMatchSkipStrategy.noSkip())
                .followedBy("flip")
                .where(new Flip(Long.MAX_VALUE))
                .times(maxFlips)
                .within(window);
    }

    /** An action in the other direction than the match's last one, within a span of actions. */
    private static final class Flip extends IterativeCondition<ActionPoint> {
        private static final long serialVersionUID = 1L;
        private final long span;

        Flip(long span) {
            this.span = span;
        }

        @Override
        public boolean filter(ActionPoint a, Context<ActionPoint> ctx) throws Exception {
            ActionPoint start = ctx.getEventsForPattern("start").iterator().next();
            ActionPoint last = start;
            for (ActionPoint f : ctx.getEventsForPattern("flip")) {
                last = f;
            }
            return a.up() != last.up() && a.seq() - start.seq() < span;
        }
    }

    /** Spike matches: from the base window to the peak. */
    public static final class SpikeMatches extends PatternProcessFunction<LoadPoint, PatternMatch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<LoadPoint>> match, Context ctx, Collector<PatternMatch> out) {
            out.collect(SpikeWatch.match(match.get("base").get(0), match.get("peak").get(0)));
        }
    }

    /** Sustained-low matches: from the first low window to the one that completes the run. */
    public static final class LowMatches extends PatternProcessFunction<LoadPoint, PatternMatch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<LoadPoint>> match, Context ctx, Collector<PatternMatch> out) {
            LoadPoint first = match.get("first").get(0);
            LoadPoint last = match.get("last").get(0);
            int count = 2 + match.getOrDefault("held", List.of()).size();
            out.collect(
                    new PatternMatch(
                            Type.SUSTAINED_LOW,
                            last.service(),
                            last.region(),
                            first.at(),
                            last.at(),
                            first.cpuPercent(),
                            last.cpuPercent(),
                            count,
                            String.format(
                                    Locale.ROOT,
                                    "CPU under %.0f %% in %d consecutive windows over %d s",
                                    last.lowCpuPercent(),
                                    count,
                                    (last.atMillis() - first.atMillis()) / 1000)));
        }
    }

    /** Oscillation matches: the flips, from the first action to the last flip. */
    public static final class OscillationMatches
            extends PatternProcessFunction<ActionPoint, PatternMatch> {
        private static final long serialVersionUID = 1L;
        private final String rule;

        /**
         * @param rule how the match is described, e.g. "within the last 20 actions"
         */
        public OscillationMatches(String rule) {
            this.rule = rule;
        }

        @Override
        public void processMatch(
                Map<String, List<ActionPoint>> match, Context ctx, Collector<PatternMatch> out) {
            ActionPoint start = match.get("start").get(0);
            List<ActionPoint> flips = match.get("flip");
            ActionPoint last = flips.get(flips.size() - 1);
            out.collect(
                    new PatternMatch(
                            Type.OSCILLATION,
                            last.service(),
                            last.region(),
                            start.at(),
                            last.at(),
                            0,
                            0,
                            flips.size(),
                            flips.size()
                                    + " direction changes "
                                    + rule
                                    + " (actions "
                                    + start.seq()
                                    + " to "
                                    + last.seq()
                                    + ")"));
        }
    }
}
