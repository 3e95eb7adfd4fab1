package dev.cycles.admin.console.common;

import javafx.beans.property.StringProperty;
import javafx.scene.control.ComboBox;

import java.util.function.Predicate;

/**
 * The editable tenant box of the list screens: typing edits the screen's tenant field (screens
 * filter locally as you type), picking an entry or pressing Enter asks the server again.
 */
public final class TenantPicker {
    private TenantPicker() {
    }

    /**
     * Binds {@code box} to {@code choices} and {@code tenant}. {@code isNew} says whether a picked
     * value differs from what was last queried (so re-selecting it does not reload).
     */
    public static void bind(ComboBox<String> box, TenantChoices choices, StringProperty tenant, String editorId,
                            Runnable refresh, Predicate<String> isNew) {
        box.setEditable(true);
        box.setItems(choices.ids());
        box.getEditor().textProperty().bindBidirectional(tenant);
        box.getEditor().setId(editorId);
        box.setAccessibleText("Tenant");
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(a) && isNew.test(b.trim())) {
                tenant.set(b);
                refresh.run();
            }
        });
        box.getEditor().setOnAction(e -> refresh.run());
    }
}
