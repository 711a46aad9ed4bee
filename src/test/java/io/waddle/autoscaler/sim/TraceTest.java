package io.waddle.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {
    @TempDir Path dir;

    private Trace write(String csv) throws Exception {
        Path f = dir.resolve("trace.csv");
        Files.writeString(f, csv);
        return Trace.load(f);
    }

    @Test
    void readsCountsPerIntervalAsRatesPerSecondWithAnyHeader() throws Exception {
        Trace t = write("period,count\n2020-01-01 00:00:00,600\n2020-01-01 00:01:00,1200\n");

        assertThat(t.resolution()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.ratePerSecond(Instant.parse("2020-01-01T00:00:30Z"))).isEqualTo(10.0);
    }

    @Test
    void interpolatesBetweenTheMiddlesOfIntervals() throws Exception {
        Trace t = write("2020-01-01 00:00:00,600\n2020-01-01 00:01:00,1200.0\n");

        // 00:00:30 is 10/s, 00:01:30 is 20/s: halfway between is 15/s.
        assertThat(t.ratePerSecond(Instant.parse("2020-01-01T00:01:00Z")))
                .isCloseTo(15.0, offset(1e-9));
    }

    @Test
    void refusesARowItCannotRead() {
        assertThatThrownBy(() -> write("t,c\n2020-01-01 00:00:00,600\nyesterday,5\n"))
                .hasMessageContaining(":3: cannot read 'yesterday,5'");
    }

    @Test
    void theBundledWorldCupTraceLoadsWithItsKnownPeak() {
        Trace wc = Trace.bundledWorldCup();

        assertThat(wc.start()).isEqualTo(Instant.parse("1998-04-30T21:30:00Z"));
        assertThat(wc.quantile(1.0)).isCloseTo(229426 / 60.0, offset(1e-6));
    }

    @Test
    void ledgerCountsUnderProvisionedTimeAndUnservedRequests() {
        SupplyLedger ledger = new SupplyLedger(10.0);
        ledger.record(Duration.ofSeconds(15), 100, 10, 10); // demand 10, supply 10: fine
        ledger.record(Duration.ofSeconds(15), 150, 10, 12); // demand 15, supply 10: 50/s unserved

        assertThat(ledger.underProvisionedShare()).isEqualTo(0.5);
        assertThat(ledger.unservedFraction()).isCloseTo(50.0 / 250.0, offset(1e-9));
        assertThat(ledger.instanceHours()).isCloseTo(22 * 15 / 3600.0, offset(1e-9));
    }
}
