package dev.cycles.admin.console.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads an FXML view next to its controller class, with the given controller instance. */
public final class Views {
    private Views() {
    }

    /**
     * A button squeezed below its preferred width shows "Create t…": the operator cannot read
     * what it does. Buttons of a view keep their full width (unless the FXML sets a minimum);
     * the fields and labels next to them shrink instead.
     */
    static void keepButtonsWhole(javafx.scene.Node n) {
        if (n instanceof javafx.scene.control.ButtonBase b && !(b instanceof javafx.scene.control.Hyperlink)
                && !b.isWrapText() && b.getMinWidth() == javafx.scene.layout.Region.USE_COMPUTED_SIZE) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // controls hold their parts outside the child list until their skin exists
        if (n instanceof javafx.scene.control.SplitPane sp) {
            sp.getItems().forEach(Views::keepButtonsWhole);
        } else if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            keepButtonsWhole(sp.getContent());
        } else if (n instanceof javafx.scene.control.TitledPane tp && tp.getContent() != null) {
            keepButtonsWhole(tp.getContent());
        } else if (n instanceof javafx.scene.control.TabPane tp) {
            tp.getTabs().stream().filter(t -> t.getContent() != null).forEach(t -> keepButtonsWhole(t.getContent()));
        } else if (n instanceof javafx.scene.control.ToolBar tb) {
            tb.getItems().forEach(Views::keepButtonsWhole);
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(Views::keepButtonsWhole);
        }
    }

    public static Parent load(Object controller, String fxml) {
        FXMLLoader loader = new FXMLLoader(controller.getClass().getResource(fxml));
        loader.setController(controller);
        try {
            Parent root = loader.load();
            keepButtonsWhole(root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
    }
}
