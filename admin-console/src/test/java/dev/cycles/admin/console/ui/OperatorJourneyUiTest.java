package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public admin guide's seed flow as one operator journey across tenants, keys and budgets,
 * clicked and typed through the real screens against a real server; the server's state is
 * checked after every step.
 */
class OperatorJourneyUiTest extends ConsoleUiTest {

    @Test
    void wholeSeedFlowByClickingAndTyping() {
        shot("01-connection");
        connectByTyping();
        assertEquals("admin", api.introspect().authType());
        assertTrue(text("#connectionLabel").contains(server.url()), text("#connectionLabel"));

        // 1. create tenant
        clickOn("#create");
        type("#tenant-id", "Acme");
        assertTrue(text("#tenant-form-ok").length() > 0);
        assertTrue(lookup("#tenant-form-ok").queryAs(Button.class).isDisabled(), "uppercase id is refused before sending");
        type("#tenant-id", "acme-corp");
        type("#tenant-name", "Acme Corporation");
        shotOf("#tenant-form", "02-tenant-create-dialog");
        clickOn("#tenant-form-ok");
        waitUntil("tenant created", () -> api.listTenants(Map.of()).tenants().size() == 1);
        Tenant created = api.getTenant("acme-corp");
        assertEquals("Acme Corporation", created.name());
        assertEquals(TenantStatus.ACTIVE, created.status());
        waitForIdle();

        // 2. patch defaults
        waitUntil("tenant selected", () -> !lookup("#edit").queryAs(Button.class).isDisabled());
        clickOn("#edit");
        choose("#tenant-policy", "ALLOW_WITH_OVERDRAFT");
        type("#tenant-ttl", "30000");
        type("#tenant-max-ttl", "7200000");
        shotOf("#tenant-form", "03-tenant-edit-dialog");
        clickOn("#tenant-form-ok");
        waitUntil("defaults patched", () -> api.getTenant("acme-corp").defaultReservationTtlMs() == 30_000L);
        Tenant patched = api.getTenant("acme-corp");
        assertEquals(CommitOveragePolicy.ALLOW_WITH_OVERDRAFT, patched.defaultCommitOveragePolicy());
        assertEquals(7_200_000L, patched.maxReservationTtlMs());
        assertEquals("Acme Corporation", patched.name());
        waitUntil("detail shows the new defaults", () -> text("#detailFacts").contains("30,000 ms"));
        shot("04-tenants");

        // 3. create an API key and see its secret once
        clickOn("#navKeys");
        waitForIdle();
        clickOn("#create");
        type("#key-tenant", "acme-corp");
        type("#key-name", "billing-service");
        clickOn("#perm-events-read");
        shotOf("#key-form", "05-key-create-dialog");
        clickOn("#key-form-ok");
        waitUntil("secret shown", () -> lookup("#secret-value").tryQuery().isPresent());
        String secret = text("#secret-value");
        assertTrue(secret.startsWith("cyc_"), secret);
        List<ApiKey> keys = api.listApiKeys(Map.of("tenant_id", "acme-corp")).keys();
        assertEquals(1, keys.size());
        assertTrue(keys.get(0).permissions().contains("events:read"));
        assertTrue(api.validateApiKey(secret).valid(), "the secret shown is the key's real secret");
        assertEquals(keys.get(0).keyId(), api.validateApiKey(secret).keyId());
        shotOf("#secret-dialog", "06-secret-dialog");
        assertTrue(lookup("#secret-close").queryAs(Button.class).isDisabled(), "close needs the stored confirmation");
        clickOn("#secret-stored");
        clickOn("#secret-close");
        waitUntil("secret dialog closed", () -> lookup("#secret-dialog").tryQuery().isEmpty());
        assertFalse(anyNodeShows(secret), "the secret is gone from every scene");
        waitUntil("key listed", () -> lookup("#table").queryAs(TableView.class).getItems().size() == 1);
        shot("07-api-keys");

        // 4. create a budget
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("#create");
        type("#budget-tenant", "acme-corp");
        type("#budget-workspace", "prod");
        type("#budget-allocated", "1,000.00");
        assertEquals("tenant:acme-corp/workspace:prod", text("#budget-scope-preview"));
        shotOf("#budget-form", "08-budget-create-dialog");
        clickOn("#budget-form-ok");
        waitUntil("budget created", () -> api.listBudgets(Map.of("tenant_id", "acme-corp")).ledgers().size() == 1);
        BudgetLedger ledger = api.lookupBudget("tenant:acme-corp/workspace:prod", UnitEnum.USD_MICROCENTS);
        assertEquals(100_000_000_000L, ledger.allocated().amount(), "$1,000.00 is 10^11 microcents");
        assertEquals(100_000_000_000L, ledger.remaining().amount());
        waitUntil("detail shows the budget", () -> "$1,000.00".equals(text("#fig-allocated")));

        // 5. fund it (CREDIT $250.50) after checking the preview
        clickOn("#fund");
        type("#fund-amount", "250.50");
        waitUntil("preview", () -> "$1,250.50".equals(text("#preview-remaining")));
        assertEquals("$1,250.50", text("#preview-allocated"));
        type("#fund-reason", "Seed top-up");
        shotOf("#fund-form", "09-fund-dialog");
        clickOn("#fund-form-ok");
        waitUntil("funded", () -> api.lookupBudget("tenant:acme-corp/workspace:prod", UnitEnum.USD_MICROCENTS)
                .remaining().amount() == 125_050_000_000L);
        assertEquals(125_050_000_000L, api.lookupBudget("tenant:acme-corp/workspace:prod", UnitEnum.USD_MICROCENTS).allocated().amount());

        // 6. see the new balance
        waitUntil("new balance shown", () -> "$1,250.50".equals(text("#fig-remaining")));
        shot("10-budgets");

        // 7. revoke the key, with a reason
        clickOn("#navKeys");
        waitForIdle();
        clickOn("billing-service");
        clickOn("#revoke");
        type("#confirm-revoke-reason", "seed flow done");
        shotOf("#confirm-revoke", "11-revoke-dialog");
        clickOn("#confirm-revoke-confirm");
        waitUntil("key revoked", () -> api.listApiKeys(Map.of("tenant_id", "acme-corp")).keys().get(0).status() == ApiKeyStatus.REVOKED);
        ApiKey revoked = api.listApiKeys(Map.of("tenant_id", "acme-corp")).keys().get(0);
        assertEquals("seed flow done", revoked.revokedReason());
        assertFalse(api.validateApiKey(secret).valid());
        waitUntil("revoked key hidden", () -> lookup("#table").queryAs(TableView.class).getItems().isEmpty());
        clickOn("#showRevoked");
        waitUntil("revoked key shown", () -> lookup("#table").queryAs(TableView.class).getItems().size() == 1);
        shot("12-api-keys-revoked");
    }
}
