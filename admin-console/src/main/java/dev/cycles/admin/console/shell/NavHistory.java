package dev.cycles.admin.console.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Back / Forward across screens, like a browser: each visit is a screen plus the filter a
 * drill-down applied on the way there (empty for a plain navigation click), so Back after
 * "Tenant → its budgets" returns to the tenant list and Forward restores the filtered budgets.
 * A new visit after going back drops the forward entries. Pure state: the window acts on it.
 */
public final class NavHistory {
    /** One visit: the screen and the filter applied when it was opened (by name: tenant, status, ...). */
    public record Entry(Screen screen, Map<String, String> filter) {
        public Entry {
            filter = filter == null ? Map.of() : Map.copyOf(filter);
        }
    }

    static final int MAX = 50;
    private final List<Entry> entries = new ArrayList<>();
    private int cursor = -1;
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canForward = new ReadOnlyBooleanWrapper(false);

    /** A visit made by the operator (not by Back/Forward). Visiting the current entry again is not a new step. */
    public void visit(Screen s, Map<String, String> filter) {
        Entry e = new Entry(s, filter);
        if (cursor >= 0 && entries.get(cursor).equals(e)) {
            return;
        }
        if (cursor >= 0 && entries.get(cursor).screen() == s && e.filter().isEmpty()) {
            return; // clicking the screen you are on keeps its drill-down entry
        }
        entries.subList(cursor + 1, entries.size()).clear();
        entries.add(e);
        if (entries.size() > MAX) {
            entries.remove(0);
        }
        cursor = entries.size() - 1;
        update();
    }

    public Optional<Entry> back() {
        if (cursor <= 0) {
            return Optional.empty();
        }
        cursor--;
        update();
        return Optional.of(entries.get(cursor));
    }

    public Optional<Entry> forward() {
        if (cursor >= entries.size() - 1) {
            return Optional.empty();
        }
        cursor++;
        update();
        return Optional.of(entries.get(cursor));
    }

    public Optional<Entry> current() {
        return cursor < 0 ? Optional.empty() : Optional.of(entries.get(cursor));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void update() {
        canBack.set(cursor > 0);
        canForward.set(cursor < entries.size() - 1);
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canForwardProperty() {
        return canForward.getReadOnlyProperty();
    }
}
