package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.RowMenu;
import dev.cycles.admin.console.common.domain.ActivityLinks;
import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Tenant;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;

import java.util.Map;

/**
 * The right-click menus of the tenants list and of the tenant detail's budget, key and policy
 * tabs (the shared {@link RowMenu}); a detail row opens its own screen filtered to the tenant.
 */
final class TenantMenus {
    private TenantMenus() {
    }

    /** The tenants list: copy, activity, events, then the detail's buttons in the order they stand. */
    static void list(TableView<Tenant> table, TenantsViewModel vm, Button showBudgets, Button showKeys, Button showPolicies,
                     Button edit, Button createPolicy, Button suspend, Button reactivate, Button close, Button freezeAll) {
        RowMenu.on(table).copyId(Tenant::tenantId).copyJson()
                .activity(vm::activity)
                .events(vm.ctx(), t -> "Events of tenant " + t.tenantId(), t -> ActivityLinks.tenantEvents(t.tenantId()))
                .separator()
                .button("menu-budgets", "Budgets ›", showBudgets)
                .button("menu-keys", "API keys ›", showKeys)
                .button("menu-policies", "Policies ›", showPolicies)
                .separator()
                .button("menu-edit", "Edit…", edit)
                .button("menu-create-policy", "Create policy…", createPolicy)
                .button("menu-suspend", "Suspend…", suspend)
                .button("menu-reactivate", "Reactivate…", reactivate)
                .button("menu-close", "Close tenant…", close)
                .button("menu-freeze", "Emergency freeze…", freezeAll);
    }

    /** The detail's tabs: each row's own copy/activity/events, and its screen filtered to the tenant. */
    static void detail(TableView<BudgetLedger> budgets, TableView<ApiKey> keys, TableView<PolicyRow> policies, TenantsViewModel vm) {
        Nav nav = vm.ctx().nav();
        RowMenu.on(budgets).copyId(BudgetLedger::ledgerId).copyJson()
                .activity(b -> ActivityLinks.budget(nav, b))
                .events(vm.ctx(), b -> "Events of budget " + b.scope(), ActivityLinks::budgetEvents)
                .separator()
                .item("menu-open-budgets", "Show in Budgets ›", b -> true, b -> nav.list(Nav.Target.BUDGETS, Map.of("tenant", b.tenantId())));
        RowMenu.on(keys).copyId(ApiKey::keyId).copyJson()
                .activity(k -> ActivityLinks.key(nav, k))
                .separator()
                .item("menu-open-keys", "Show in API keys ›", k -> true, k -> nav.list(Nav.Target.KEYS, Map.of("tenant", k.tenantId())));
        RowMenu.on(policies).copyId(r -> r.policy().policyId()).copyJson(PolicyRow::policy)
                .activity(r -> ActivityLinks.policy(nav, r.policy()))
                .separator()
                .item("menu-open-policies", "Show in Policies ›", r -> true, r -> nav.list(Nav.Target.POLICIES, Map.of("tenant", r.tenantId())));
    }
}
