package dev.cycles.admin.console.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Settings;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console II against a real server: overview, policies, audit, export, comfort. */
class ConsoleTwoUiTest extends ConsoleUiTest {

    private void seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex Industries", null, null, null, null, null, null, null, null));
        budget("acme", "tenant:acme/workspace:prod/agent:support", UnitEnum.USD_MICROCENTS, 50_000_000_000L);
        budget("acme", "tenant:acme/workspace:prod/agent:billing", UnitEnum.USD_MICROCENTS, 20_000_000_000L);
        budget("acme", "tenant:acme/workspace:dev", UnitEnum.TOKENS, 2_000_000);
        budget("globex", "tenant:globex", UnitEnum.USD_MICROCENTS, 90_000_000_000L);
        api.fundBudget("tenant:acme/workspace:prod/agent:support", UnitEnum.USD_MICROCENTS, "acme",
                new BudgetFundingRequest(FundingOperation.RESET_SPENT, Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L),
                        Amount.of(UnitEnum.USD_MICROCENTS, 41_000_000_000L), "seed", null, null));
        api.fundBudget("tenant:globex", UnitEnum.USD_MICROCENTS, "globex",
                new BudgetFundingRequest(FundingOperation.RESET_SPENT, Amount.of(UnitEnum.USD_MICROCENTS, 90_000_000_000L),
                        Amount.of(UnitEnum.USD_MICROCENTS, 12_500_000_000L), "seed", null, null));
        // debt and over-limit only come from the runtime plane: set them in the database
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE budgets SET spent = allocated, debt = ?, is_over_limit = 1 WHERE scope = ?")) {
                ps.setLong(1, 250_000_000L);
                ps.setString(2, "tenant:acme/workspace:prod/agent:billing");
                return ps.executeUpdate();
            }
        });
        api.createApiKey(new ApiKeyCreateRequest("acme", "nightly-batch", null, List.of("budgets:read"), null,
                Instant.now().plus(2, ChronoUnit.DAYS), null));
        api.createApiKey(new ApiKeyCreateRequest("globex", "=cmd|' /C calc'!A0", null, List.of("budgets:read"), null, null, null));
    }

    private void budget(String tenant, String scope, UnitEnum unit, long allocated) {
        api.createBudget(new BudgetCreateRequest(tenant, scope, unit, Amount.of(unit, allocated), null, null, null, null, null, null));
    }

    @Test
    void overviewAttentionItemsOpenFilteredListsAndChartsHaveData() {
        seed();
        try {
            api.fundBudget("tenant:acme/workspace:dev", UnitEnum.TOKENS, "acme",
                    new BudgetFundingRequest(FundingOperation.DEBIT, Amount.of(UnitEnum.TOKENS, 9_000_000), null, "too much", null, null));
        } catch (AdminApiException expected) {
            assertEquals("BUDGET_EXCEEDED", expected.code());
        }
        connectByTyping();
        clickOn("#navOverview");
        waitUntil("tiles", () -> lookup("#tile-over-limit").tryQuery().isPresent());
        assertEquals("1", text("#tile-over-limit"));
        assertEquals("2", text("#tile-tenants"));
        assertEquals("1", text("#tile-keys-expiring"));
        @SuppressWarnings("unchecked")
        javafx.scene.chart.XYChart<String, Number> util = lookup("#utilChart").queryAs(javafx.scene.chart.XYChart.class);
        long charted = util.getData().get(0).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        assertEquals(4, charted, "every open budget is in the utilization chart");
        @SuppressWarnings("unchecked")
        javafx.scene.chart.XYChart<String, Number> spend = lookup("#spendChart").queryAs(javafx.scene.chart.XYChart.class);
        assertEquals(List.of("acme", "globex"), spend.getData().get(0).getData().stream().map(javafx.scene.chart.XYChart.Data::getXValue).toList());
        assertEquals(610.0, spend.getData().get(0).getData().get(0).getYValue().doubleValue(), 0.001, "acme spent $410 + $200 in USD");
        @SuppressWarnings("unchecked")
        javafx.scene.chart.XYChart<String, Number> act = lookup("#activityChart").queryAs(javafx.scene.chart.XYChart.class);
        long failedCharted = act.getData().get(1).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        assertEquals(1, failedCharted, "the refused DEBIT is in the activity chart as a failure");
        shot("50-overview");

        // attention: over limit -> budgets filtered to it
        Labeled over = lookup(".attention-link").match((Labeled l) -> l.getText().contains("over limit")).queryLabeled();
        clickOn(over);
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        assertTrue(lookup("#overLimit").queryAs(CheckBox.class).isSelected());
        TableView<?> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("one over-limit budget", () -> budgets.getItems().size() == 1);
        assertEquals("tenant:acme/workspace:prod/agent:billing", ((BudgetLedger) budgets.getItems().get(0)).scope());

        // attention: failures -> audit with status >= 400 showing the refused DEBIT
        clickOn("#navOverview");
        waitForIdle();
        clickOn(lookup(".attention-link").match((Labeled l) -> l.getText().contains("failed request")).queryLabeled());
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        TableView<?> audit = lookup("#table").queryAs(TableView.class);
        waitUntil("failure listed", () -> audit.getItems().size() == 1);
        assertEquals("BUDGET_EXCEEDED", ((AuditLogEntry) audit.getItems().get(0)).errorCode());

        // attention: expiring keys
        clickOn("#navOverview");
        waitForIdle();
        clickOn(lookup(".attention-link").match((Labeled l) -> l.getText().contains("expire")).queryLabeled());
        waitForIdle();
        assertEquals(Screen.KEYS, console.window().current());
        TableView<?> keys = lookup("#table").queryAs(TableView.class);
        waitUntil("expiring key", () -> keys.getItems().size() == 1);
        assertTrue(lookup("#expiring").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void policyCreatedInTheConsoleHasTheEnteredCapsAndShowsMatchingBudgets() {
        seed();
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

    @Test
    void auditFindsTheFailedRequestByErrorCodeAndBudgetActivityShowsItsFunding() throws Exception {
        seed();
        connectByTyping();
        // a failed request made in the console: a duplicate tenant
        clickOn("#create");
        type("#tenant-id", "acme");
        type("#tenant-name", "Acme again");
        clickOn("#tenant-form-ok");
        waitUntil("refused", () -> text("#tenant-form-error").startsWith("DUPLICATE_RESOURCE"));
        String requestId = console.ctx().status().requestIdProperty().get();
        clickOn("#tenant-form-cancel");

        // fund a budget through the console, then open its activity
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("tenant:acme/workspace:dev");
        clickOn("#fund");
        choose("#fund-operation", "CREDIT");
        type("#fund-amount", "500,000");
        clickOn("#fund-form-ok");
        waitUntil("credited", () -> api.lookupBudget("tenant:acme/workspace:dev", UnitEnum.TOKENS).allocated().amount() == 2_500_000L);
        waitForIdle();
        clickOn("#activity");
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        TableView<?> audit = lookup("#table").queryAs(TableView.class);
        waitUntil("budget history", () -> audit.getItems().size() == 2);
        assertEquals(List.of("fundBudget", "createBudget"), audit.getItems().stream().map(e -> ((AuditLogEntry) e).operation()).toList());
        assertTrue(text("#context").contains("tenant:acme/workspace:dev"), text("#context"));
        clickOn((Node) lookup("#table .table-row-cell").nth(0).query());
        waitUntil("details", () -> lookup("#details").queryAs(javafx.scene.control.TextArea.class).getText().contains("\"operation\" : \"CREDIT\""));
        String details = lookup("#details").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(details.contains("Source IP:  127.0.0.1"), details);
        assertTrue(details.contains("User agent: cycles-admin-console/"), details);
        shot("55-audit-budget-activity");

        // the query form: error code filter finds the failed request made earlier
        clickOn("#clear");
        type("#errorCodes", "DUPLICATE_RESOURCE");
        clickOn("#run");
        waitUntil("one failure", () -> audit.getItems().size() == 1);
        AuditLogEntry failed = (AuditLogEntry) audit.getItems().get(0);
        assertEquals("createTenant", failed.operation());
        assertEquals(409, failed.status());
        assertEquals(requestId, failed.requestId(), "the very request the console made");
        shot("56-audit-error-code-query");
        // exclusion: the same code excluded, status range 400-499 -> nothing left
        clickOn("#clear");
        type("#statusMin", "400");
        type("#statusMax", "499");
        type("#errorCodesExcluded", "DUPLICATE_RESOURCE");
        clickOn("#run");
        waitUntil("none", () -> audit.getItems().isEmpty());
        // custom time range in the future finds nothing; invalid range is refused before sending
        clickOn("#clear");
        choose("#preset", "Custom range");
        type("#from", "2030-01-02");
        type("#to", "2029-12-31");
        waitUntil("refused", () -> text("#validation").startsWith("From must not be after To"));
        assertTrue(lookup("#run").queryAs(Button.class).isDisabled());
        type("#to", "2030-02-01");
        clickOn("#run");
        waitUntil("empty", () -> audit.getItems().isEmpty());
        shot("57-audit-custom-range");
    }

    @Test
    void exportsParseBackToTheRowsShownAndCsvCellsAreEscaped() throws Exception {
        seed();
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();
        TableView<?> keys = lookup("#table").queryAs(TableView.class);
        waitUntil("keys", () -> keys.getItems().size() == 2);
        Path csv = dir.resolve("exports").resolve("keys.csv");
        clickOn("#export");
        type("#export-path", csv.toString());
        shotOf("#export-dialog", "58-export-dialog");
        clickOn("#export-start");
        waitUntil("written", () -> Files.exists(csv) && text("#export-message").startsWith("Exported 2 rows"));
        assertEquals(1.0, lookup("#export-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress());
        shotOf("#export-dialog", "59-export-done");
        clickOn("#export-cancel");
        List<List<String>> rows = parseCsv(Files.readString(csv));
        assertEquals("key_id", rows.get(0).get(0));
        List<String> shownIds = keys.getItems().stream().map(k -> ((dev.cycles.admin.model.ApiKey) k).keyId()).sorted().toList();
        assertEquals(shownIds, rows.subList(1, rows.size()).stream().map(r -> r.get(0)).sorted().toList());
        int nameCol = rows.get(0).indexOf("name");
        assertTrue(rows.stream().anyMatch(r -> r.get(nameCol).equals("'=cmd|' /C calc'!A0")), "formula-like cell escaped: " + rows);

        // JSON of the budgets screen, all pages with a page size of 1
        interact(() -> console.budgets().setPageSize(1));
        clickOn("#navBudgets");
        waitForIdle();
        TableView<?> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("first page", () -> budgets.getItems().size() == 1);
        while (lookup("#loadMore").query().isVisible()) {
            clickOn("#loadMore");
            waitForIdle();
        }
        assertEquals(4, budgets.getItems().size());
        Path json = dir.resolve("exports").resolve("budgets.json");
        clickOn("#export");
        choose("#export-format", "JSON");
        type("#export-path", json.toString());
        clickOn("#export-start");
        waitUntil("json written", () -> Files.exists(json) && text("#export-message").startsWith("Exported 4 rows"));
        clickOn("#export-cancel");
        JsonNode arr = AdminClient.mapper().readTree(json.toFile());
        List<String> exported = new ArrayList<>();
        arr.forEach(n -> exported.add(n.get("scope").asText() + "|" + n.get("remaining").get("amount").asLong()));
        List<String> shown = budgets.getItems().stream().map(b -> ((BudgetLedger) b).scope() + "|" + ((BudgetLedger) b).remaining().amount()).toList();
        assertEquals(shown.stream().sorted().toList(), exported.stream().sorted().toList());
        BudgetLedger back = AdminClient.mapper().treeToValue(arr.get(0), BudgetLedger.class);
        assertNotNull(back.unit(), "JSON rows read back as wire objects");
    }

    /** RFC 4180 enough for the test: quoted cells with doubled quotes, CRLF rows. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // CRLF
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @Test
    void comfortThemeShortcutsQuickJumpAutoRefreshAndAccessibleNames() {
        seed();
        connectByTyping();
        // theme remembered
        assertFalse(console.isDark());
        clickOn("#theme");
        assertTrue(console.isDark());
        assertTrue(new Settings(dir.resolve("console")).darkTheme(), "the choice is stored for the next start");
        assertEquals("Switch to the light theme", lookup("#theme").query().getAccessibleText());
        save(stage.getScene(), "60-tenants-dark-theme-toggled");
        clickOn("#theme");
        assertFalse(new Settings(dir.resolve("console")).darkTheme());

        // help panel lists the shortcuts; Esc closes it
        push(KeyCode.F1);
        waitUntil("help", () -> lookup("#help-dialog").tryQuery().isPresent());
        assertTrue(lookup("#help-dialog .kbd").queryAll().size() >= 6);
        shotOf("#help-dialog", "61-shortcuts-help");
        push(KeyCode.ESCAPE);
        waitUntil("help closed", () -> lookup("#help-dialog").tryQuery().isEmpty());

        // Ctrl+N opens the new-tenant form on the tenants screen, Esc closes it
        press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        waitUntil("form", () -> lookup("#tenant-form").tryQuery().isPresent());
        push(KeyCode.ESCAPE);
        waitUntil("form closed", () -> lookup("#tenant-form").tryQuery().isEmpty());
        // Ctrl+F focuses the search field
        press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil("search focused", () -> lookup("#search").query().isFocused());

        // quick jump by name
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("#jump-editor").write("Globex");
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        waitUntil("globex selected", () -> console.tenants().selectedProperty().get() != null
                && "globex".equals(console.tenants().selectedProperty().get().tenantId()));
        waitUntil("detail", () -> text("#detailTitle").contains("globex"));

        // auto-refresh picks up a tenant created elsewhere, and says when it last updated
        interact(() -> console.window().setAutoRefreshInterval(java.time.Duration.ofMillis(500)));
        clickOn("#autoRefresh");
        assertTrue(new Settings(dir.resolve("console")).autoRefresh());
        api.createTenant(new TenantCreateRequest("initech", "Initech", null, null, null, null, null, null, null, null));
        TableView<?> tenants = lookup("#table").queryAs(TableView.class);
        waitUntil("new tenant appears", () -> tenants.getItems().stream().anyMatch(t -> ((Tenant) t).tenantId().equals("initech")));
        assertTrue(text("#lastUpdated").startsWith("Updated "), text("#lastUpdated"));
        clickOn("#autoRefresh");

        // icon-only buttons carry accessible names
        List<Node> iconOnly = lookup(".button").queryAll().stream()
                .filter(n -> n instanceof Button b && (b.getText() == null || b.getText().strip().length() <= 1)).toList();
        assertTrue(iconOnly.size() >= 2, "theme and help buttons are icon-only");
        for (Node n : iconOnly) {
            assertTrue(n.getAccessibleText() != null && !n.getAccessibleText().isBlank(), "accessible name on " + n);
        }
        assertEquals("Keyboard shortcuts", lookup("#help").query().getAccessibleText());
    }
}
