package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * What an empty list says, the same way on every screen: not connected (and how to connect),
 * the server cannot be reached (the error, how to start it, Retry), the filters match nothing,
 * or there is truly nothing yet (and how to create the first one). While not connected, or while
 * the server cannot be reached, the table's rows are put aside so stale rows never pass for data.
 */
public final class EmptyState {
    /** Which of the four things the list has to say. */
    public enum State { NOT_CONNECTED, CONNECTION_FAILED, FILTERED, EMPTY }

    /** Title and explanation of one state; pure, so the wording is testable without a screen. */
    public record Text(String title, String detail, String action) { }

    /** What one list is about: "budgets", its create hint and the label of its create button (null: none). */
    public record Spec(String noun, ObservableValue<String> emptyHint, String filteredHint, ObservableBooleanValue filtered,
                       Runnable retry, String createLabel, Runnable create) { }

    /** How to start a server, for the "cannot reach" state. */
    static final String START_HINT = "Is the server running? Start it (java -jar cycles-admin-server.jar, or the "
            + "cycles-admin-server service), or start a local one on the Connection screen (Ctrl+0).";

    private EmptyState() {
    }

    public static State state(boolean connected, AdminApiException problem, boolean filtered) {
        if (!connected) {
            return State.NOT_CONNECTED;
        }
        if (problem != null) {
            return State.CONNECTION_FAILED;
        }
        return filtered ? State.FILTERED : State.EMPTY;
    }

    public static Text text(State s, String noun, AdminApiException problem, String filteredHint, String emptyHint, String createLabel) {
        return switch (s) {
            case NOT_CONNECTED -> new Text("Not connected",
                    "The " + noun + " come from a Cycles Admin server. Open Connection (Ctrl+0) and connect to a server, "
                            + "or start a local one there.", "Open Connection");
            case CONNECTION_FAILED -> new Text("Cannot load the " + noun,
                    (problem == null ? "" : problem.getMessage() + ". ") + START_HINT, "Retry");
            case FILTERED -> new Text("No " + noun + " match the filters", filteredHint, null);
            case EMPTY -> new Text("No " + noun + " yet", emptyHint, createLabel);
        };
    }

    /** True while any of these holds a value: a non-blank text, a non-null choice, a ticked box. */
    public static BooleanBinding anySet(Observable... props) {
        return Bindings.createBooleanBinding(() -> {
            for (Observable o : props) {
                Object v = o instanceof ObservableValue<?> ov ? ov.getValue() : null;
                if (v instanceof String text ? !text.isBlank() : v instanceof Boolean b ? b : v != null) {
                    return true;
                }
            }
            return false;
        }, props);
    }

    /** Makes this component the table's placeholder and puts rows aside while there is no usable connection. */
    public static <T> VBox install(TableView<T> table, Ctx ctx, Spec spec) {
        Session session = ctx.session();
        Label title = new Label();
        title.setId("empty-title");
        title.getStyleClass().add("empty-title");
        Label detail = new Label();
        detail.setId("empty-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add("muted");
        detail.setMaxWidth(680);
        Button action = new Button();
        action.setId("empty-action");
        // creating has a button of its own, so capability gating (manage_*) never touches Retry or Open Connection
        Button create = new Button();
        create.setId("empty-create");
        if (spec.create() != null) {
            create.setText(spec.createLabel());
            create.setOnAction(e -> spec.create().run());
        }
        VBox box = new VBox(8, title, detail, action);
        box.getProperties().put("create", create);
        box.setAlignment(Pos.CENTER);
        box.setId("empty-state");
        box.getStyleClass().add("empty-state");
        Runnable update = () -> {
            State s = state(session.clientProperty().get() != null, session.problemProperty().get(), spec.filtered().get());
            box.getProperties().put("state", s);
            Text t = text(s, spec.noun(), session.problemProperty().get(), spec.filteredHint(),
                    spec.emptyHint().getValue(), spec.create() == null ? null : spec.createLabel());
            title.setText(t.title());
            detail.setText(t.detail());
            // only the button of this state is in the tree (a hidden nameless button would still reach screen readers)
            Button shown = t.action() == null ? null : s == State.EMPTY ? create : action;
            box.getChildren().setAll(title, detail);
            if (shown != null) {
                if (shown == action) {
                    action.setText(t.action());
                }
                box.getChildren().add(shown);
            }
            action.setOnAction(e -> {
                switch (s) {
                    case NOT_CONNECTED -> ctx.nav().connection();
                    case CONNECTION_FAILED -> spec.retry().run();
                    default -> { }
                }
            });
        };
        ObservableList<T> none = FXCollections.observableArrayList();
        ObservableList<T>[] rows = new ObservableList[] {table.getItems()};
        Runnable hideRows = () -> {
            boolean usable = session.clientProperty().get() != null && session.problemProperty().get() == null;
            if (!usable && table.getItems() != none) {
                rows[0] = table.getItems();
                table.setItems(none);
            } else if (usable && table.getItems() == none) {
                table.setItems(rows[0]);
            }
        };
        for (Observable o : new Observable[] {session.clientProperty(), session.problemProperty(), spec.filtered(), spec.emptyHint()}) {
            o.addListener(x -> {
                hideRows.run();
                update.run();
            });
        }
        hideRows.run();
        update.run();
        table.setPlaceholder(box);
        return box;
    }

    /** The empty list's "Create …" button (for capability gating). */
    public static Button createButton(VBox box) {
        return (Button) box.getProperties().get("create");
    }

    /** The state a placeholder shows now (for tests). */
    public static State shown(VBox box) {
        return (State) box.getProperties().get("state");
    }
}
