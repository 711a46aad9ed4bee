package io.waddle.autoscaler.core.scaling;

import io.waddle.autoscaler.core.model.WindowedMetrics;
import java.time.Instant;

/**
 * One kind's scaler: from what it remembers and one window of a service's metrics, a decision with
 * its reason and what to remember next. Plain Java, time is an input; implementations are immutable
 * and hold their settings.
 *
 * @param <S> what the scaler remembers between windows (immutable)
 */
public interface Scaler<S> {

    /** What the scaler remembers before it has seen the service. */
    S initial();

    /**
     * @param state what the scaler remembered after the previous window
     * @param now the time of the decision (the window's end)
     */
    ScalerResult<S> decide(S state, WindowedMetrics window, Instant now);
}
