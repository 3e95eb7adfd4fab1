package dev.cycles.admin.console.shell;

import dev.cycles.admin.console.common.Settings;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import java.util.List;
import java.util.Map;

/**
 * Remembers the window's place, size and maximized state, and each screen's split-pane dividers,
 * across starts (in {@link Settings}). A remembered place that is on no screen any more (a monitor
 * was unplugged) falls back to a centered window, so the console never opens out of sight.
 */
public final class WindowMemory {
    /** Smallest part of the title bar that must lie on a screen for the old place to count as visible. */
    static final double MIN_VISIBLE = 80;
    private final Settings settings;

    public WindowMemory(Settings settings) {
        this.settings = settings;
    }

    /** Whether a window at these bounds would show enough of its top edge on one of {@code screens}. */
    static boolean visibleOn(double[] b, List<Rectangle2D> screens) {
        Rectangle2D titleBar = new Rectangle2D(b[0], b[1], b[2], 30);
        for (Rectangle2D s : screens) {
            double w = Math.min(titleBar.getMaxX(), s.getMaxX()) - Math.max(titleBar.getMinX(), s.getMinX());
            double h = Math.min(titleBar.getMaxY(), s.getMaxY()) - Math.max(titleBar.getMinY(), s.getMinY());
            if (w >= MIN_VISIBLE && h > 0) {
                return true;
            }
        }
        return false;
    }

    /** Puts the stage where it was last closed (or centered) and records later changes. */
    public void restore(Stage stage) {
        double[] b = settings.windowBounds();
        List<Rectangle2D> screens = javafx.stage.Screen.getScreens().stream().map(javafx.stage.Screen::getVisualBounds).toList();
        if (b != null) {
            // never larger than the biggest screen now attached (the window may have been sized on a bigger monitor)
            double maxW = screens.stream().mapToDouble(Rectangle2D::getWidth).max().orElse(b[2]);
            double maxH = screens.stream().mapToDouble(Rectangle2D::getHeight).max().orElse(b[3]);
            stage.setWidth(Math.min(b[2], maxW));
            stage.setHeight(Math.min(b[3], maxH));
            if (visibleOn(b, screens)) {
                stage.setX(b[0]);
                stage.setY(b[1]);
            } else {
                stage.centerOnScreen();
            }
        }
        stage.setMaximized(settings.windowMaximized());
    }

    /** Stores the stage's current place and size (the size before maximizing stays as it was). */
    public void remember(Stage stage) {
        if (stage.isMaximized()) {
            double[] old = settings.windowBounds();
            if (old != null) {
                settings.setWindow(old[0], old[1], old[2], old[3], true);
            } else {
                settings.setWindow(stage.getX(), stage.getY(), 1280, 800, true);
            }
        } else {
            settings.setWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
    }

    /** Restores each screen's dividers and stores every move in memory (written when the console closes). */
    public void splits(Map<Screen, Parent> screens) {
        screens.forEach((screen, root) -> {
            for (javafx.scene.Node n : root.lookupAll(".split-pane")) {
                if (n instanceof SplitPane sp && !sp.getDividers().isEmpty()) {
                    String key = screen.name() + (sp.getId() == null || sp.getId().equals("split") ? "" : "." + sp.getId());
                    double[] saved = settings.dividers(key);
                    if (saved != null && saved.length == sp.getDividers().size()) {
                        sp.setDividerPositions(saved);
                    }
                    for (SplitPane.Divider d : sp.getDividers()) {
                        d.positionProperty().addListener((o, a, p) -> settings.setDividers(key, sp.getDividerPositions()));
                    }
                }
            }
        });
    }
}
