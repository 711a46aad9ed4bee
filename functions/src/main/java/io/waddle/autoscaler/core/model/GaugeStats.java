package io.waddle.autoscaler.core.model;

/**
 * One gauge over one window, across the instances that reported it. Each instance contributes the
 * mean of its own samples, so that an instance reporting twice as often does not weigh double.
 *
 * @param instances how many instances reported this gauge in the window
 * @param sum the sum over those instances of each instance's mean value
 * @param max the largest single sample
 */
public record GaugeStats(int instances, double sum, double max) {

    public double mean() {
        return instances == 0 ? 0.0 : sum / instances;
    }
}
