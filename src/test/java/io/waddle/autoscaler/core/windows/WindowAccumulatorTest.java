package io.waddle.autoscaler.core.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.waddle.autoscaler.core.model.WindowedMetrics;
import io.waddle.autoscaler.testing.SampleBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {
    private static final Instant START = Instant.parse("2026-06-25T14:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    private static SampleBuilder chat(String instance) {
        return SampleBuilder.compute("chat-api", "eu-west").instance(instance).at(START);
    }

    @Test
    void averagesEachInstanceFirstSoThatChattyInstancesDoNotWeighMore() {
        // i-1 reports 3 times at 90 %, i-2 once at 30 %: the mean is (90 + 30) / 2 = 60.
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(chat("i-1").cpu(90).build())
                .add(chat("i-1").cpu(90).build())
                .add(chat("i-1").cpu(90).build());
        acc.add(chat("i-2").cpu(30).build());

        WindowedMetrics w = acc.result(START, END);

        assertThat(w.instances()).isEqualTo(2);
        assertThat(w.mean("cpu")).isCloseTo(60.0, offset(1e-9));
        assertThat(w.max("cpu")).isEqualTo(90.0);
    }

    @Test
    void totalRequestRateSumsTheInstancesMeanRates() {
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(chat("i-1").rps(100).build()).add(chat("i-1").rps(200).build());
        acc.add(chat("i-2").rps(50).build());

        assertThat(acc.result(START, END).total("requests_per_second"))
                .isCloseTo(200.0, offset(1e-9));
    }

    @Test
    void countsAnInstanceAsReportingEvenWithoutTheGaugeSoTheScalerSeesItAsMissing() {
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(chat("i-1").cpu(50).build()).add(chat("i-2").memory(40).build());

        WindowedMetrics w = acc.result(START, END);

        assertThat(w.instances()).isEqualTo(2);
        assertThat(w.gauge("cpu").orElseThrow().instances()).isEqualTo(1);
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        WindowAccumulator a = new WindowAccumulator().add(chat("i-1").cpu(80).build());
        WindowAccumulator b =
                new WindowAccumulator()
                        .add(chat("i-1").cpu(40).build())
                        .add(chat("i-2").cpu(10).build());
        WindowAccumulator all =
                new WindowAccumulator()
                        .add(chat("i-1").cpu(80).build())
                        .add(chat("i-1").cpu(40).build())
                        .add(chat("i-2").cpu(10).build());

        assertThat(a.merge(b).result(START, END)).isEqualTo(all.result(START, END));
    }
}
