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

    /**
     * The tenant field of a create form: a box listing every tenant (loaded when the form opens),
     * which also takes a typed id. The editor carries {@code id} (tests and screen readers find it
     * as before), the box {@code id + "-picker"}.
     */
    public static ComboBox<String> forForm(Ctx ctx, StringProperty tenant, String id, String prompt) {
        TenantChoices choices = new TenantChoices(tenant);
        ComboBox<String> box = new ComboBox<>(choices.ids());
        box.setEditable(true);
        box.setId(id + "-picker");
        box.getEditor().setId(id);
        box.setPromptText(prompt);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setAccessibleText("Tenant");
        box.getEditor().textProperty().bindBidirectional(tenant);
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                tenant.set(b);
            }
        });
        if (ctx.session().clientProperty().get() != null) {
            choices.load(ctx);
        }
        return box;
    }
}
