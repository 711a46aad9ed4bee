package io.waddle.autoscaler.core.violation.a;

import io.waddle.autoscaler.core.violation.b.CycleBack;
import io.waddle.autoscaler.demo.Demo;
import org.apache.flink.util.Collector;

/**
 * A deliberate violation for {@code ArchitectureRulesTest}: decision core that imports Flink and
 * the tooling, and sits on a package cycle. Never imported by the product.
 */
public final class CoreUsingFlink {
    public void emit(Collector<String> out) {
        out.collect(Demo.class.getName() + new CycleBack());
    }
}
