package dev.cycles.admin.console.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The console's package map: one package per screen, which never reaches into another screen
 * (screens open each other through common.Nav, wired by the composition root Console); shared
 * packages (common, client, bulk) know no screen and no shell; no package cycles. Re-adding a
 * static call from one screen to another fails the build here.
 */
class ConsoleArchitectureTest {
    static final String ROOT = "dev.cycles.admin.console";
    static final String[] SCREENS = {"overview", "tenants", "budgets", "reservations", "keys", "policies", "audit", "events",
            "webhooks", "connection"};
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static String[] packages(String... names) {
        return Arrays.stream(names).map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    @Test
    void screensDoNotDependOnEachOther() {
        for (String screen : SCREENS) {
            String[] others = Arrays.stream(SCREENS).filter(s -> !s.equals(screen)).toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + screen + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                    .because("screens open each other through Nav, wired in Console")
                    .check(classes);
        }
    }

    @Test
    void sharedPackagesKnowNoScreenAndNoShell() {
        String[] screensAndShell = Arrays.copyOf(SCREENS, SCREENS.length + 1);
        screensAndShell[SCREENS.length] = "shell";
        noClasses().that().resideInAnyPackage(packages("common", "client", "bulk"))
                .should().dependOnClassesThat().resideInAnyPackage(packages(screensAndShell))
                .check(classes);
    }

    @Test
    void onlyTheRootWiresScreens() {
        // the shell (main window, navigation) and the shared packages never name a screen's classes
        noClasses().that().resideInAnyPackage(packages("shell", "common", "client", "bulk", "local"))
                .should().dependOnClassesThat().resideInAnyPackage(packages(SCREENS))
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT).and().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("Console and ConsoleApp are the composition root; nothing below them calls back up")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
