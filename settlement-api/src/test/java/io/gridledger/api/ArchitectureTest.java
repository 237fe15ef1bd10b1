package io.gridledger.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the module boundaries honest: what each layer may know about. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gridledger");

    @Test
    void valueTypesDependOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("io.gridledger.ledger.value..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.gridledger.ledger.value..", "java..")
                .check(classes);
    }

    @Test
    void theDomainKnowsNeitherSpringNorSqlNorTheWeb() {
        noClasses().that().resideInAPackage("io.gridledger.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "jakarta.servlet..", "com.fasterxml.jackson..", "io.gridledger.projections..",
                        "io.gridledger.api..")
                .check(classes);
    }

    @Test
    void readModelsDoNotReachIntoTheApi() {
        noClasses().that().resideInAPackage("io.gridledger.projections..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gridledger.api..", "io.gridledger.adapter..")
                .check(classes);
    }

    @Test
    void meterAdaptersTalkToTheLedgerOnlyThroughItsPublicInterfaces() {
        noClasses().that().resideInAPackage("io.gridledger.adapter..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gridledger.projections..", "io.gridledger.api..",
                        "org.axonframework.eventsourcing..")
                .check(classes);
    }
}
