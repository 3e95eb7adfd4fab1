package dev.cycles.admin.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's packages depend downward only: composition root -> features -> auth, audit,
 * event -> http -> core. A cycle, a feature that reaches back into the composition root, or
 * transport and core types that know about features fail the build here.
 */
class PackageMapTest {
    static final String ROOT = "dev.cycles.admin.server";
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage(ROOT).should().dependOnClassesThat().resideInAPackage(ROOT).check(classes);
    }

    @Test
    void coreDependsOnNothingElseOfTheServer() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".(*)..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".core..", "dev.cycles.admin.model..", "java..",
                        "com.fasterxml..", "org.slf4j..")
                .check(classes);
    }

    /** Only the metrics package knows the metrics library; it knows nothing of the server, so http may use it. */
    @Test
    void metricsDependOnNothingElseOfTheServer() {
        noClasses().that().resideInAPackage(ROOT + ".metrics..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".(*)..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".metrics..", "java..", "io.micrometer..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(classes);
    }

    @Test
    void httpIsTransportOnly() {
        noClasses().that().resideInAPackage(ROOT + ".http..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".db..", ROOT + ".auth..", ROOT + ".audit..",
                        ROOT + ".event..", ROOT + ".tenant..", ROOT + ".apikey..", ROOT + ".budget..", ROOT + ".policy..",
                        ROOT + ".overview..", ROOT + ".webhook..", ROOT + ".backup..", ROOT + ".docs..", ROOT + ".health..")
                .check(classes);
    }

    @Test
    void servicesAndStoresKnowNothingOfHttp() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Store")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".http..", "spark..", "javax.servlet..", "org.eclipse.jetty..")
                .check(classes);
    }
}
