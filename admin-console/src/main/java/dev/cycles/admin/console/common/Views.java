package dev.cycles.admin.console.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads an FXML view next to its controller class, with the given controller instance. */
public final class Views {
    private Views() {
    }

    public static Parent load(Object controller, String fxml) {
        FXMLLoader loader = new FXMLLoader(controller.getClass().getResource(fxml));
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
    }
}
