package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyStatus;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Policies screen against a real server: create and edit through the form, cross-tenant list, tenant tab, activity. */
class PoliciesUiTest extends ConsoleUiTest {

    @Test
    void policyCreatedInTheConsoleHasTheEnteredCapsAndShowsMatchingBudgets() {
        Seeds.acmeAndGlobex(server, api);
        api.createPolicy(new PolicyCreateRequest("globex", "globex-default", null, "tenant:globex/*", 1L,
                new Caps(1_000L, null, null, null, null), null, null, null, null, null, null));
        connectByTyping();
        clickOn("#navPolicies");
        waitForIdle();
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("cross-tenant list", () -> table.getItems().size() == 1);
        clickOn("#create");
        type("#policy-tenant-editor", "acme");
        type("#policy-name", "prod-agents");
        type("#policy-workspace", "prod");
        type("#policy-agent", "*");
        waitUntil("pattern", () -> "tenant:acme/workspace:prod/agent:*".equals(text("#policy-pattern")));
        @SuppressWarnings("unchecked")
        ListView<String> matches = lookup("#policy-matches").queryAs(ListView.class);
        waitUntil("two budgets match", () -> matches.getItems().size() == 2);
        assertTrue(text("#policy-match-summary").startsWith("Matches 2 of 3 existing budgets"), text("#policy-match-summary"));
        // a wildcard before the last level is refused before sending
        type("#policy-workflow", "*");
        waitUntil("invalid", () -> lookup("#policy-form-ok").queryAs(Button.class).isDisabled());
        assertTrue(matches.getItems().isEmpty());
        type("#policy-workflow", "");
        type("#policy-priority", "10");
        type("#policy-max-tokens", "5,000");
        type("#policy-max-steps", "40");
        type("#policy-cooldown", "250");
        type("#policy-deny", "shell, exec");
        type("#policy-rpm", "60");
        type("#policy-cpm", "30");
        type("#policy-ttl", "30000");
        type("#policy-max-ttl", "120000");
        type("#policy-max-ext", "3");
        type("#policy-from", "2026-01-01");
        waitUntil("valid", () -> !lookup("#policy-form-ok").queryAs(Button.class).isDisabled());
        shotOf("#policy-form", "51-policy-create-dialog");
        clickOn("#policy-form-ok");
        waitUntil("created", () -> api.listPolicies(Map.of("tenant_id", "acme")).policies().size() == 1);
        Policy p = api.listPolicies(Map.of("tenant_id", "acme")).policies().get(0);
        assertEquals("tenant:acme/workspace:prod/agent:*", p.scopePattern());
        assertEquals(5_000L, p.caps().maxTokens());
        assertEquals(40L, p.caps().maxStepsRemaining());
        assertEquals(250L, p.caps().cooldownMs());
        assertEquals(List.of("shell", "exec"), p.caps().toolDenylist());
        assertEquals(60L, p.rateLimits().maxReservationsPerMinute());
        assertEquals(30L, p.rateLimits().maxCommitsPerMinute());
        assertEquals(30_000L, p.reservationTtlOverride().defaultTtlMs());
        assertEquals(3L, p.reservationTtlOverride().maxExtensions());
        assertEquals(10, p.priority());
        assertNotNull(p.effectiveFrom());
        waitUntil("both tenants listed", () -> table.getItems().size() == 2);
        shot("52-policies-cross-tenant");

        // edit: disable it
        clickOn("prod-agents");
        clickOn("#edit");
        choose("#policy-status", "DISABLED");
        type("#policy-max-tokens", "6,000");
        shotOf("#policy-form", "53-policy-edit-dialog");
        clickOn("#policy-form-ok");
        waitUntil("disabled", () -> api.listPolicies(Map.of("tenant_id", "acme")).policies().get(0).status() == PolicyStatus.DISABLED);
        assertEquals(6_000L, api.listPolicies(Map.of("tenant_id", "acme")).policies().get(0).caps().maxTokens());

        // per-tenant: the tenant detail's Policies tab, and its activity
        clickOn("#navTenants");
        waitForIdle();
        clickOn("Acme Corporation");
        clickOn(lookup(".tab .tab-label").match((Labeled t) -> t.getText().startsWith("Policies")).queryLabeled());
        TableView<?> tenantPolicies = lookup("#policyTable").queryAs(TableView.class);
        waitUntil("tenant policies", () -> tenantPolicies.getItems().size() == 1);
        shot("54-tenant-detail-policies");
        clickOn("#showPolicies");
        waitForIdle();
        assertEquals(Screen.POLICIES, console.window().current());
        waitUntil("only acme", () -> table.getItems().size() == 1);
        clickOn("prod-agents");
        clickOn("#activity");
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        TableView<?> audit = lookup("#table").queryAs(TableView.class);
        waitUntil("create and update of the policy", () -> audit.getItems().size() == 2);
        assertEquals(List.of("updatePolicy", "createPolicy"), audit.getItems().stream().map(e -> ((AuditLogEntry) e).operation()).toList());
    }
}
