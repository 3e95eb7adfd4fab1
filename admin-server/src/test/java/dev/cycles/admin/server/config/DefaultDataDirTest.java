package dev.cycles.admin.server.config;

import dev.cycles.admin.server.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default data folder follows $XDG_DATA_HOME, then $HOME, and only then Java's user.home. */
@DisabledOnOs({OS.WINDOWS, OS.MAC})
class DefaultDataDirTest {

    @Test
    void xdgDataHomeWinsOverHome() {
        assertEquals(Path.of("/x/data", "cycles-admin"),
                Config.defaultDataDir(Map.of("XDG_DATA_HOME", "/x/data", "HOME", "/x/home")));
    }

    @Test
    void homeFromTheEnvironmentWinsOverUserHome() {
        // user.home is read from the password database, so it would ignore HOME=/scratch.
        assertEquals(Path.of("/scratch/home", ".local", "share", "cycles-admin"),
                Config.defaultDataDir(Map.of("HOME", "/scratch/home")));
    }

    @Test
    void withoutHomeOrXdgTheJavaUserHomeIsUsed() {
        assertEquals(Path.of(System.getProperty("user.home"), ".local", "share", "cycles-admin"),
                Config.defaultDataDir(Map.of("HOME", " ")));
    }
}
