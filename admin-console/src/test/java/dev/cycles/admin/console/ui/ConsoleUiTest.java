package dev.cycles.admin.console.ui;

import atlantafx.base.theme.PrimerLight;
import dev.cycles.admin.console.Console;
import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminClient;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxToolkit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the TestFX tests: the real console (same composition root as the app) in a Monocle
 * headless stage, talking to a real in-process admin server on a free port over a temp folder.
 */
abstract class ConsoleUiTest extends FxRobot {
    static final Path SHOTS = Path.of("target", "screenshots");

    /** A fresh temp folder per test (server database, console profiles, local-mode data). */
    Path dir;
    TestServer server;
    AdminClient api;
    Console console;
    Stage stage;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("console-ui-test");
        server = new TestServer(dir.resolve("server"));
        api = server.client();
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            console = new Console(dir.resolve("console"));
            s.setScene(console.scene());
            s.setWidth(1280);
            s.setHeight(800);
            s.show();
            s.toFront();
            console.window().show(dev.cycles.admin.console.shell.Screen.CONNECTION);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stopAll() throws Exception {
        FxToolkit.cleanupStages();
        if (console != null) {
            console.shutdown();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: the OS cleans its temp folder
            }
        }
    }

    /** The screenshots of the class are on disk before the next class (or the JVM's end). */
    @AfterAll
    static void screenshotsWritten() {
        ShotWriter.drain();
    }

    /** Connects through the connection screen, by typing, as an operator would. */
    void connectByTyping() {
        clickOn("#url").eraseText(((TextInputControl) lookup("#url").query()).getText().length()).write(server.url());
        clickOn("#key").write(TestServer.ADMIN_KEY);
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
    }

    /** Connects by typing the admin URL, the key and the runtime URL (the test server's runtime port is not 7878). */
    void connectWithRuntime() {
        clickOn("#url").eraseText(((TextInputControl) lookup("#url").query()).getText().length()).write(server.url());
        clickOn("#key").write(TestServer.ADMIN_KEY);
        clickOn("#runtimeUrl").write(server.runtimeUrl());
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
    }

    /**
     * Waits up to 15 s for the condition. It is first checked, and a yes only believed, after the
     * FX queue has drained (what the last action queued has run); while it is no, one pass of the
     * FX queue between checks is enough to see a background call's result land, and much cheaper
     * than a full drain (five passes with 10 ms sleeps) each time.
     */
    void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        WaitForAsyncUtils.waitForFxEvents();
        if (condition.getAsBoolean()) {
            return;
        }
        while (System.nanoTime() < deadline) {
            fxPass();
            if (condition.getAsBoolean()) {
                WaitForAsyncUtils.waitForFxEvents();
                if (condition.getAsBoolean()) {
                    return;
                }
            }
            WaitForAsyncUtils.sleep(5, TimeUnit.MILLISECONDS);
        }
        fail("Timed out waiting for: " + what + " (status line: " + console.ctx().status().errorText() + ")");
    }

    /** Returns once the FX thread has run everything queued before this call. */
    private static void fxPass() {
        CountDownLatch done = new CountDownLatch(1);
        javafx.application.Platform.runLater(done::countDown);
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                fail("the FX thread did not answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until no network call is in flight and the FX queue is drained. */
    void waitForIdle() {
        waitUntil("calls to finish", () -> console.window() != null && busyCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int busyCount() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Node busy = stage.getScene().lookup("#busy");
                return busy != null && busy.isVisible() ? 1 : 0;
            }).get();
        } catch (Exception e) {
            return 1;
        }
    }

    void type(String id, String text) {
        TextInputControl f = lookup(id).queryAs(TextInputControl.class);
        if (!inView(f)) {
            reveal(id); // a long form scrolls inside its dialog
        }
        clickOn(f);
        if (!f.getText().isEmpty()) {
            interact(() -> f.selectAll());
            push(javafx.scene.input.KeyCode.BACK_SPACE);
        }
        write(text);
    }

    /** Opens a combo box and clicks the popup entry with that text. */
    void choose(String comboId, String item) {
        if (!inView(lookup(comboId).query())) {
            reveal(comboId); // a long form scrolls inside its dialog
        }
        clickOn(comboId);
        Node cell = lookup(".combo-box-popup .list-cell").match((Labeled l) -> item.equals(l.getText())).query();
        clickOn(cell);
    }

    /** Whether the node is inside the viewport of its nearest ScrollPane (or has none). */
    private boolean inView(Node n) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                for (Node p = n.getParent(); p != null; p = p.getParent()) {
                    if (p instanceof javafx.scene.control.ScrollPane sp) {
                        javafx.geometry.Bounds view = sp.localToScene(sp.getLayoutBounds());
                        javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                        return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
                    }
                }
                return true;
            }).get();
        } catch (Exception e) {
            return true;
        }
    }

    /** Scrolls the screen's ScrollPane so the node with this id is in view (TestFX clicks only what is on screen). */
    void reveal(String id) {
        interact(() -> {
            Node n = lookup(id).query();
            for (Node p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp) {
                    double contentH = sp.getContent().getBoundsInLocal().getHeight();
                    double viewH = sp.getViewportBounds().getHeight();
                    double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
                    sp.setVvalue(contentH <= viewH ? 0 : Math.min(1, Math.max(0, (y - 20) / (contentH - viewH))));
                    sp.layout();
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    String text(String id) {
        Node n = lookup(id).query();
        if (n instanceof Labeled l) {
            return l.getText();
        }
        return ((TextInputControl) n).getText();
    }

    /** Saves the main window as target/screenshots/NAME.png (light) and NAME-dark.png (dark). */
    void shot(String name) {
        waitForIdle();
        saveBothThemes(stage.getScene(), name);
    }

    /** Saves the window holding the node with this id (a dialog), light and dark. */
    void shotOf(String id, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        saveBothThemes(lookup(id).query().getScene(), name);
    }

    /** A dialog, with the main window at each of the two sizes. */
    void dialogShots(String id, String name) {
        for (int[] size : new int[][] {{1024, 700}, {1920, 1080}}) {
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            shotOf(id, name + "-" + size[0] + "x" + size[1]);
        }
    }

    /** The same scene in the light and the dark theme; the theme the test had is restored. */
    void saveBothThemes(Scene scene, String name) {
        boolean wasDark = console.isDark();
        interact(() -> console.setDark(false, false));
        save(scene, name);
        interact(() -> console.setDark(true, false));
        save(scene, name + "-dark");
        interact(() -> console.setDark(wasDark, false));
    }

    static void save(Scene scene, String name) {
        write(image(scene), name);
    }

    /** The scene as it looks now (CSS and layout applied by the snapshot). */
    static BufferedImage image(Scene scene) {
        try {
            return toAwt(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("snapshot failed", e);
        }
    }

    /** The same ARGB pixels as an AWT image, copied in one call rather than pixel by pixel. */
    static BufferedImage toAwt(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return out;
    }

    /** Writes target/screenshots/NAME.png (in the background: see {@link ShotWriter}). */
    static void write(BufferedImage image, String name) {
        ShotWriter.write(image, SHOTS.resolve(name + ".png"));
    }

    /** Whether any node in any open window shows {@code secret}. */
    boolean anyNodeShows(String secret) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : Window.getWindows()) {
                    if (w.getScene() != null && shows(w.getScene().getRoot(), secret)) {
                        return true;
                    }
                }
                return false;
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean shows(Node n, String secret) {
        if (n instanceof Labeled l && l.getText() != null && l.getText().contains(secret)) {
            return true;
        }
        if (n instanceof TextInputControl t && t.getText() != null && t.getText().contains(secret)) {
            return true;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (shows(c, secret)) {
                    return true;
                }
            }
        }
        return false;
    }
}
