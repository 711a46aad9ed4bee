package io.waddle.autoscaler.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The import direction of the code base, from the bottom up:
 *
 * <pre>
 *   core.model                 value types and enums: imports nothing above it
 *   core.*                     the decision core: plain Java, time as an input (no Flink)
 *   config, influx, json       options, InfluxDB and JSON at the boundary
 *   flink                      thin Flink adapters around the core
 *   jobs                       the job's assembly and its entry points
 *   bench, sim, demo           tooling: may import the product; the product never imports it
 * </pre>
 */
final class ArchitectureRules {
    static final String ROOT = "io.waddle.autoscaler";
    static final String[] TOOLING = {ROOT + ".bench..", ROOT + ".sim..", ROOT + ".demo.."};

    private ArchitectureRules() {}

    /** The decision core is plain Java: no Flink type, nothing of the layers above it. */
    static final ArchRule CORE_IS_PLAIN_JAVA =
            noClasses()
                    .that()
                    .resideInAPackage(ROOT + ".core..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.flink..",
                            ROOT + ".flink..",
                            ROOT + ".config..",
                            ROOT + ".influx..",
                            ROOT + ".jobs..",
                            ROOT + ".bench..",
                            ROOT + ".sim..",
                            ROOT + ".demo..")
                    .as("the decision core (core..) imports neither Flink nor any layer above it");

    /** The model is the bottom: it imports nothing of the project outside itself. */
    static final ArchRule MODEL_IS_THE_BOTTOM =
            classes()
                    .that()
                    .resideInAPackage(ROOT + ".core.model..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(ROOT + ".core.model..", "java..")
                    .as("the model (core.model) imports only itself and the JDK");

    /** The functions (core and Flink adapters) never reach up to the job or the tooling. */
    static final ArchRule FUNCTIONS_DO_NOT_IMPORT_JOBS_OR_TOOLING =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            ROOT + ".core..",
                            ROOT + ".flink..",
                            ROOT + ".config..",
                            ROOT + ".influx..",
                            ROOT + ".json..",
                            ROOT + ".actuator..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            ROOT + ".jobs..", ROOT + ".bench..", ROOT + ".sim..", ROOT + ".demo..")
                    .as("the functions import neither the job's assembly nor the tooling");

    /** The product never imports the tooling (benchmark, simulator, demo). */
    static final ArchRule PRODUCT_DOES_NOT_IMPORT_TOOLING =
            noClasses()
                    .that()
                    .resideOutsideOfPackages(TOOLING)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(TOOLING)
                    .as("the product imports no tooling (bench, sim, demo)");

    /** No two packages import each other, directly or around a loop. */
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching(ROOT + ".(**)").should().beFreeOfCycles().as("no package cycles");
}
