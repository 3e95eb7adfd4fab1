package dev.cycles.admin.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LauncherTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(Launcher.JAVAFX_CACHE_PROPERTY);
        System.clearProperty(Launcher.JAVAFX_CACHE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Launcher.JAVAFX_CACHE_PROPERTY);
        } else {
            System.setProperty(Launcher.JAVAFX_CACHE_PROPERTY, before);
        }
    }

    @Test
    void javafxUnpacksItsLibrariesUnderTheConsolesOwnFolder() {
        Path data = Path.of("/scratch/home/.local/share/cycles-admin/console");
        Launcher.placeNativeCache(data);
        assertEquals(data.resolve("javafx-cache").toString(), System.getProperty(Launcher.JAVAFX_CACHE_PROPERTY));
    }

    @Test
    void anOperatorsOwnCacheFolderIsKept() {
        System.setProperty(Launcher.JAVAFX_CACHE_PROPERTY, "/opt/shared/fx");
        Launcher.placeNativeCache(Path.of("/scratch/console"));
        assertEquals("/opt/shared/fx", System.getProperty(Launcher.JAVAFX_CACHE_PROPERTY));
    }
}
