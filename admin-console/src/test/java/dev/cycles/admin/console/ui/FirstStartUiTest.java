package dev.cycles.admin.console.ui;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing configured: the console starts its embedded server and connects to it on its own. */
class FirstStartUiTest extends ConsoleUiTest {

    @Test
    void firstStartRunsLocalMode() {
        WaitForAsyncUtils.asyncFx(() -> console.start());
        waitUntil("local server connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
        assertTrue(text("#connectionLabel").startsWith("Local (embedded)"), text("#connectionLabel"));
        assertTrue(Files.exists(dir.resolve("console").resolve("local-server").resolve("cycles-admin.db")));
        assertEquals(0, console.ctx().session().client().listTenants(java.util.Map.of()).tenants().size());
        shot("00-first-start-local-mode");
        clickOn("#navConnection");
        shot("00-connection-local-profile");
    }
}
