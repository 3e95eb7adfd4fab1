package dev.cycles.admin.console.tenants;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;

import java.util.function.Predicate;

/**
 * A tenant detail tab's "Show closed (N)" / "Show revoked (N)": terminal rows (closed budgets,
 * revoked or expired keys) are hidden until the box is ticked, and the box says how many it hides.
 */
final class TerminalToggle {
    private TerminalToggle() {
    }

    static <T> void install(TableView<T> table, ObservableList<T> rows, Predicate<T> terminal, String words, CheckBox box) {
        FilteredList<T> shown = new FilteredList<>(rows, r -> !terminal.test(r));
        box.selectedProperty().addListener((o, a, on) -> shown.setPredicate(on ? r -> true : r -> !terminal.test(r)));
        table.setItems(shown);
        box.textProperty().bind(Bindings.createStringBinding(
                () -> words + " (" + rows.stream().filter(terminal).count() + ")", rows));
    }
}
