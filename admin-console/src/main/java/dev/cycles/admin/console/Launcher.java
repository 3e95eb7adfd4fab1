package dev.cycles.admin.console;

/** Plain main class (not an Application) so the console starts from a class path or a fat jar. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ConsoleApp.main(args);
    }
}
