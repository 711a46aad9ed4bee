package io.waddle.autoscaler.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.waddle.autoscaler.core.model.violation.ModelUsingScaling;
import io.waddle.autoscaler.core.violation.a.CoreUsingFlink;
import io.waddle.autoscaler.core.violation.b.CycleBack;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ArchitectureRules} catches the deliberate violation it is written for. */
class ArchitectureRulesTest {
    private static final JavaClasses VIOLATIONS =
            new ClassFileImporter()
                    .importClasses(CoreUsingFlink.class, CycleBack.class, ModelUsingScaling.class);

    @Test
    void coreThatImportsFlinkOrToolingIsCaught() {
        assertThat(violations(ArchitectureRules.CORE_IS_PLAIN_JAVA))
                .contains("org.apache.flink.util.Collector")
                .contains("io.waddle.autoscaler.demo.Demo");
    }

    @Test
    void modelThatImportsTheScalersIsCaught() {
        assertThat(violations(ArchitectureRules.MODEL_IS_THE_BOTTOM))
                .contains("io.waddle.autoscaler.core.scaling.ScalerState");
    }

    @Test
    void functionsThatImportToolingAreCaught() {
        assertThat(violations(ArchitectureRules.FUNCTIONS_DO_NOT_IMPORT_JOBS_OR_TOOLING))
                .contains("io.waddle.autoscaler.demo.Demo");
        assertThat(violations(ArchitectureRules.PRODUCT_DOES_NOT_IMPORT_TOOLING))
                .contains("io.waddle.autoscaler.demo.Demo");
    }

    @Test
    void packageCycleIsCaught() {
        assertThat(violations(ArchitectureRules.NO_PACKAGE_CYCLES))
                .contains("Cycle detected")
                .contains("violation.a")
                .contains("violation.b");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(VIOLATIONS);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
