package io.waddle.autoscaler.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of {@link ArchitectureRules} over the product and tooling classes (not the tests). */
@AnalyzeClasses(
        packages = ArchitectureRules.ROOT,
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest static final ArchRule coreIsPlainJava = ArchitectureRules.CORE_IS_PLAIN_JAVA;

    @ArchTest static final ArchRule modelIsTheBottom = ArchitectureRules.MODEL_IS_THE_BOTTOM;

    @ArchTest
    static final ArchRule functionsDoNotImportJobsOrTooling =
            ArchitectureRules.FUNCTIONS_DO_NOT_IMPORT_JOBS_OR_TOOLING;

    @ArchTest
    static final ArchRule productDoesNotImportTooling =
            ArchitectureRules.PRODUCT_DOES_NOT_IMPORT_TOOLING;

    @ArchTest static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;
}
