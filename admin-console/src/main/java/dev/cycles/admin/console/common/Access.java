package dev.cycles.admin.console.common;

import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.Capabilities;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

import java.util.function.Predicate;

/**
 * What the connected key may do, as GET /v1/auth/introspect says (the dashboard's capability
 * flags). Screens and actions the key cannot use are gated: greyed, inert, and with a tooltip
 * saying which capability is missing. They are not disabled in the JavaFX sense, because a
 * disabled control shows no tooltip, and "why can't I click this" is the point.
 */
public final class Access {
    /** A capability flag: its name on the wire and how to read it. */
    public enum Cap {
        VIEW_OVERVIEW("view_overview", Capabilities::viewOverview),
        VIEW_TENANTS("view_tenants", Capabilities::viewTenants),
        VIEW_BUDGETS("view_budgets", Capabilities::viewBudgets),
        VIEW_RESERVATIONS("view_reservations", Capabilities::viewReservations),
        VIEW_API_KEYS("view_api_keys", Capabilities::viewApiKeys),
        VIEW_POLICIES("view_policies", Capabilities::viewPolicies),
        VIEW_AUDIT("view_audit", Capabilities::viewAudit),
        VIEW_EVENTS("view_events", Capabilities::viewEvents),
        VIEW_WEBHOOKS("view_webhooks", Capabilities::viewWebhooks),
        MANAGE_TENANTS("manage_tenants", Capabilities::manageTenants),
        MANAGE_BUDGETS("manage_budgets", Capabilities::manageBudgets),
        MANAGE_API_KEYS("manage_api_keys", Capabilities::manageApiKeys),
        MANAGE_POLICIES("manage_policies", Capabilities::managePolicies),
        MANAGE_WEBHOOKS("manage_webhooks", Capabilities::manageWebhooks);

        final String wire;
        final Predicate<Capabilities> read;

        Cap(String wire, Predicate<Capabilities> read) {
            this.wire = wire;
            this.read = read;
        }

        public String wire() {
            return wire;
        }
    }

    private static final PseudoClass GATED = PseudoClass.getPseudoClass("gated");
    private final Ctx ctx;

    public Access(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Asks the server again what the key may do (after a key change, or for a test). */
    public void check() {
        ctx.async().run("Check the key's permissions", () -> ctx.session().client().introspect(),
                r -> ctx.session().accessProperty().set(r), e -> ctx.status().error("Check the key's permissions", e));
    }

    /** Whether the key may do this; while not connected nothing is gated (the lists say "not connected"). */
    public boolean allows(Cap c) {
        AuthIntrospectResponse r = ctx.session().accessProperty().get();
        if (r == null) {
            return true;
        }
        if (r.permissions() != null && r.permissions().contains("*")) {
            return true;
        }
        return r.capabilities() != null && c.read.test(r.capabilities());
    }

    /** Why not, in the operator's words ("" when allowed). */
    public String why(Cap c, String what) {
        if (allows(c)) {
            return "";
        }
        AuthIntrospectResponse r = ctx.session().accessProperty().get();
        String who = "tenant".equals(r.authType()) ? "This tenant key (tenant " + r.tenantId() + ")" : "This key";
        return who + " cannot " + what + ": it lacks " + c.wire + " (GET /v1/auth/introspect). Connect with the admin key to " + what + ".";
    }

    public BooleanBinding allowedProperty(Cap c) {
        return Bindings.createBooleanBinding(() -> allows(c), ctx.session().accessProperty());
    }

    public StringBinding whyProperty(Cap c, String what) {
        return Bindings.createStringBinding(() -> why(c, what), ctx.session().accessProperty());
    }

    /**
     * Gates a control: while the key lacks {@code c} it looks disabled (the :gated pseudo-class),
     * ignores clicks and Space/Enter, and its tooltip says why. {@code normalTip} is the tooltip otherwise.
     */
    public void gate(Control node, Cap c, String what, String normalTip) {
        BooleanBinding allowed = allowedProperty(c);
        StringBinding why = whyProperty(c, what);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(allowed).then(normalTip == null ? "" : normalTip).otherwise(why));
        node.setTooltip(tip);
        node.accessibleHelpProperty().bind(why);
        Runnable mark = () -> {
            node.pseudoClassStateChanged(GATED, !allowed.get());
            node.getProperties().put("gated", !allowed.get());
            if (allowed.get() && (normalTip == null || normalTip.isEmpty())) {
                node.setTooltip(null);
            } else {
                node.setTooltip(tip);
            }
        };
        allowed.addListener((o, a, b) -> mark.run());
        mark.run();
        node.getProperties().put("gate-binding", allowed); // keep the binding alive as long as the node
        node.addEventFilter(MouseEvent.ANY, e -> {
            if (!allowed.get() && (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == MouseEvent.MOUSE_RELEASED
                    || e.getEventType() == MouseEvent.MOUSE_CLICKED)) {
                e.consume();
            }
        });
        node.addEventFilter(KeyEvent.ANY, e -> {
            if (!allowed.get() && (e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ENTER)) {
                e.consume();
            }
        });
        node.addEventFilter(ActionEvent.ACTION, e -> {
            if (!allowed.get()) {
                e.consume();
            }
        });
    }

    /** True when a control was gated by {@link #gate} and the key lacks its capability. */
    public static boolean isGated(Control node) {
        return Boolean.TRUE.equals(node.getProperties().get("gated"));
    }
}
