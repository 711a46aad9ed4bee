package io.waddle.autoscaler.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bound on tracked services, with event time as an input. */
class ServiceAdmissionTest {
    private static final long HOUR = 3_600_000;

    @Test
    void admitsUpToTheBoundThenOnlyTheServicesItTracks() {
        ServiceAdmission a = new ServiceAdmission(2, HOUR);
        assertThat(a.admit("chat-api/eu", 0, 0)).isTrue();
        assertThat(a.admit("voice/eu", 0, 0)).isTrue();
        assertThat(a.admit("fake/eu", 0, 0)).isFalse();
        assertThat(a.admit("chat-api/eu", 10, 0)).isTrue();
        assertThat(a.tracked()).isEqualTo(2);
    }

    @Test
    void aServiceSilentForTheRetentionFreesItsPlaceOneReportingKeepsIt() {
        ServiceAdmission a = new ServiceAdmission(2, HOUR);
        a.admit("chat-api/eu", 0, 0);
        a.admit("voice/eu", 0, 0);
        a.admit("chat-api/eu", HOUR - 1, HOUR - 1);

        assertThat(a.admit("presence/eu", HOUR - 1, HOUR - 1)).isFalse();
        assertThat(a.admit("presence/eu", HOUR, HOUR)).isTrue();
        assertThat(a.admit("voice/eu", HOUR, HOUR)).isFalse();
        assertThat(a.admit("chat-api/eu", HOUR, HOUR)).isTrue();
    }

    @Test
    void keepTracksAServiceWithStateWhateverTheCount() {
        ServiceAdmission a = new ServiceAdmission(1, HOUR);
        a.admit("fake/eu", 0, 0);
        a.keep("chat-api/eu", 0);
        assertThat(a.tracked()).isEqualTo(2);
        assertThat(a.admit("chat-api/eu", 5, 0)).isTrue();
    }

    @Test
    void aClockThatLiesCannotOverflowIt() {
        ServiceAdmission a = new ServiceAdmission(1, HOUR);
        a.admit("chat-api/eu", Long.MIN_VALUE, Long.MIN_VALUE);
        assertThat(a.admit("voice/eu", Long.MAX_VALUE, Long.MIN_VALUE)).isFalse();
        // The end of input (the last watermark): everything before is silent, without overflow.
        assertThat(a.admit("voice/eu", Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
        assertThatThrownBy(() -> new ServiceAdmission(0, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
