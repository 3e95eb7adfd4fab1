package dev.cycles.admin.console;

import javafx.application.Application;
import javafx.stage.Stage;

public class ConsoleApp extends Application {
    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
    }
}
