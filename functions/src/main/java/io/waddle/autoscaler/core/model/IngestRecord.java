package io.waddle.autoscaler.core.model;

/**
 * What the metrics source hands the job for each Kafka record: either a valid sample or a dead
 * letter saying why the record was refused. Exactly one is non-null.
 */
public record IngestRecord(MetricSample sample, DeadLetter deadLetter) {

    public IngestRecord {
        if ((sample == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of sample and deadLetter must be set");
        }
    }

    public static IngestRecord valid(MetricSample sample) {
        return new IngestRecord(sample, null);
    }

    public static IngestRecord rejected(DeadLetter deadLetter) {
        return new IngestRecord(null, deadLetter);
    }

    public boolean isValid() {
        return sample != null;
    }
}
