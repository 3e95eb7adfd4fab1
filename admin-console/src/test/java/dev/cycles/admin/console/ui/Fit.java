package dev.cycles.admin.console.ui;

import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.ListCell;

import java.util.ArrayList;
import java.util.List;

/**
 * What does not fit in a window as laid out now: a button narrower than its text needs (its text
 * ends in "…"), a ScrollPane scrolling sideways, and (for dialogs) a one-line label or table cell cut short.
 * Shared by the screen and the dialog layout checks.
 */
final class Fit {
    private Fit() {
    }

    /** Problems of the buttons and scroll panes under {@code root}, in a window of this size. */
    static List<String> problems(Parent root, String where, double width, double height) {
        List<String> out = new ArrayList<>();
        collect(root, where, width, height, false, out);
        return out;
    }

    /** Like {@link #problems}, and also one-line labels and table cells whose text is cut (a dialog is read whole). */
    static List<String> problemsWithLabels(Parent root, String where, double width, double height) {
        List<String> out = new ArrayList<>();
        collect(root, where, width, height, true, out);
        return out;
    }

    private static void collect(Node n, String where, double width, double height, boolean labels, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof ButtonBase b && !(b instanceof Hyperlink) && !(b instanceof CheckBox) && !(b instanceof RadioButton)
                && b.getText() != null && !b.getText().isEmpty() && !b.isWrapText() && inWindow(b, width)) {
            double need = b.prefWidth(-1);
            if (b.getWidth() + 0.5 < need) {
                out.add(where + ": button '" + b.getText() + "' is " + Math.round(b.getWidth()) + " px wide, needs " + Math.round(need));
            }
        }
        if (labels && n instanceof Label l && !l.isWrapText() && l.getText() != null && !l.getText().isEmpty()
                && !(l.getParent() instanceof TableCell<?, ?>) && !(l.getParent() instanceof ListCell<?>) && inWindow(l, width)
                && l.getWidth() + 0.5 < l.prefWidth(-1)) {
            out.add(where + ": label '" + l.getText() + "' is cut (" + Math.round(l.getWidth()) + " of " + Math.round(l.prefWidth(-1)) + " px)");
        }
        if (labels && n instanceof TableCell<?, ?> c && c.isVisible() && !c.isEmpty() && c.getText() != null && !c.getText().isEmpty()
                && c.getWidth() + 0.5 < c.prefWidth(-1)) {
            out.add(where + ": table cell '" + c.getText() + "' is cut (" + Math.round(c.getWidth()) + " of " + Math.round(c.prefWidth(-1)) + " px)");
        }
        if (n instanceof ScrollPane sp) {
            for (Node c : sp.getChildrenUnmodifiable()) {
                if (c instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()
                        && sp.getHbarPolicy() != ScrollPane.ScrollBarPolicy.ALWAYS) {
                    out.add(where + ": " + describe(sp) + " scrolls sideways (content " + Math.round(sp.getContent().prefWidth(-1))
                            + " px in a " + Math.round(sp.getViewportBounds().getWidth()) + " px viewport)");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, where, width, height, labels, out);
            }
        }
    }

    /** Inside the window (a button scrolled out of a ScrollPane's view still counts: the operator scrolls to it). */
    private static boolean inWindow(Node n, double width) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getWidth() > 0 && b.getMinX() < width && b.getMaxX() > 0;
    }

    private static String describe(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getId() != null) {
                return "the scroll pane in #" + p.getId();
            }
        }
        return "a scroll pane";
    }
}
