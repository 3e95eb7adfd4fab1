package dev.cycles.admin.console;

import java.nio.file.Path;

/** Plain main class (not an Application) so the console starts from a class path or a fat jar. */
public final class Launcher {
    /** JavaFX's own switch for where it unpacks its native libraries. */
    static final String JAVAFX_CACHE_PROPERTY = "javafx.cachedir";

    private Launcher() {
    }

    public static void main(String[] args) {
        placeNativeCache(Console.defaultDataDir());
        ConsoleApp.main(args);
    }

    /**
     * JavaFX unpacks its native libraries under {@code user.home}, which the JVM takes from the
     * password file rather than {@code $HOME}; keeping them beside the console's data means a
     * console run with another HOME (a sandbox, a test) leaves nothing in the account's real home.
     * An explicit {@code -Djavafx.cachedir} still wins.
     */
    static void placeNativeCache(Path consoleDataDir) {
        String set = System.getProperty(JAVAFX_CACHE_PROPERTY);
        if (set == null || set.isBlank()) {
            System.setProperty(JAVAFX_CACHE_PROPERTY, consoleDataDir.resolve("javafx-cache").toString());
        }
    }
}
