package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Access;
import dev.cycles.admin.console.common.EmptyState;
import dev.cycles.admin.model.WebhookStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Control;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.List;

/**
 * The Webhooks screen's shared shell behaviour: what its two empty tables say ({@link EmptyState}:
 * not connected, cannot reach, filters match nothing, nothing yet) and the capability gating of
 * its write actions ({@link Access}: a key without manage_webhooks sees them greyed, with why).
 */
final class WebhooksGuards {
    private WebhooksGuards() {
    }

    static void emptyStates(WebhooksViewModel vm, TableView<?> subscriptions, TableView<?> deliveries, Runnable create) {
        // "filtered": any server filter, Failing only, or DISABLED rows hidden by the toggle
        BooleanBinding filtered = Bindings.createBooleanBinding(() -> EmptyState.anySet(vm.tenantProperty(), vm.statusProperty(),
                        vm.searchProperty(), vm.eventTypeProperty(), vm.failingOnlyProperty()).get()
                        || vm.disabledCountProperty().get() > 0 && !vm.showDisabledProperty().get() && vm.statusProperty().get() != WebhookStatus.DISABLED,
                vm.tenantProperty(), vm.statusProperty(), vm.searchProperty(), vm.eventTypeProperty(), vm.failingOnlyProperty(),
                vm.disabledCountProperty(), vm.showDisabledProperty());
        EmptyState.install(subscriptions, vm.ctx(), new EmptyState.Spec("webhook subscriptions",
                new javafx.beans.property.SimpleStringProperty("Create the first one with Create webhook… (Ctrl+N): Cycles then POSTs "
                        + "signed events (budget, reservation, tenant, …) to its URL."),
                "Clear the filters (tenant, status, URL, event type), untick Failing only, or tick Show disabled.",
                filtered, vm::refresh, "Create webhook…", create));
        DeliveriesViewModel d = vm.deliveries();
        EmptyState.install(deliveries, vm.ctx(), new EmptyState.Spec("deliveries",
                Bindings.createStringBinding(() -> d.subscriptionProperty().get() == null
                        ? "Select a subscription above to see its deliveries."
                        : "No event has been sent to this subscription yet. Send test (Subscription tab) sends one now.",
                        d.subscriptionProperty()),
                "Choose Any status, or click the highlighted outcome above the table again.",
                Bindings.createBooleanBinding(() -> d.statusProperty().get() != null || d.outcomeProperty().get() != null,
                        d.statusProperty(), d.outcomeProperty()),
                d::reload, null, null));
    }

    /** Every action that changes a subscription needs manage_webhooks; reading (details, deliveries, export, events) does not. */
    static void gate(Access access, List<? extends Control> writes) {
        for (Control c : writes) {
            Tooltip t = c.getTooltip();
            access.gate(c, Access.Cap.MANAGE_WEBHOOKS, "change webhooks", t == null ? null : t.getText());
        }
    }
}
