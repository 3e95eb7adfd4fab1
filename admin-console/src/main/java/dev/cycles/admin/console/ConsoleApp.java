package dev.cycles.admin.console;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: theme, one window, local mode on first start. Start it via {@link Launcher}. */
public class ConsoleApp extends Application {
    private Console console;

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        console = new Console(Console.defaultDataDir());
        stage.setTitle("Cycles Admin");
        stage.setScene(console.scene());
        stage.setMinWidth(1000);
        stage.setMinHeight(640);
        console.attach(stage);
        stage.show();
        console.start();
    }

    @Override
    public void stop() {
        if (console != null) {
            console.shutdown();
        }
    }
}
