package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overview against a real server: breakdowns add up, tiles and slices open filtered lists, recent activity. */
class OverviewUiTest extends ConsoleUiTest {

    @Test
    void breakdownsAddUpAndTilesSlicesAndActivityOpenTheirLists() {
        Fleet.seed(server, api);
        // five open budgets over limit: more than the three an attention line names
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE budgets SET is_over_limit = 1 WHERE status = 'ACTIVE' AND unit = 'USD_MICROCENTS'")) {
                return ps.executeUpdate();
            }
        });
        long overLimit = api.overview().budgetCounts().overLimit();
        assertTrue(overLimit > 3, "seeded over-limit budgets: " + overLimit);
        connectByTyping();
        clickOn("#navOverview");
        waitUntil("tiles", () -> lookup("#tile-budgets-part-1").tryQuery().isPresent());

        Labeled over = lookup(".attention-link").match((Labeled l) -> l.getText().contains("over limit")).queryLabeled();
        Matcher m = Pattern.compile("^(\\d+) budget\\(s\\) over limit: (.*) \\+(\\d+) more  ›$").matcher(over.getText());
        assertTrue(m.matches(), over.getText());
        assertEquals(overLimit, Long.parseLong(m.group(1)));
        assertEquals(overLimit, m.group(2).split(", ").length + Long.parseLong(m.group(3)), "names + \"+N more\" = N: " + over.getText());
        assertEquals("2 frozen", text("#tile-budgets-part-1"));
        assertTrue(text("#recent-0").matches("\\d\\d:\\d\\d:\\d\\d"), "recent activity to the second: " + text("#recent-0"));
        shot("overview-drilldowns");

        // tile part "2 frozen" -> budgets filtered to FROZEN
        clickOn("#tile-budgets-part-1");
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        TableView<?> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("frozen budgets", () -> budgets.getItems().size() == 2);
        assertTrue(budgets.getItems().stream().allMatch(b -> ((BudgetLedger) b).status() == BudgetStatus.FROZEN));

        // pie slice "SUSPENDED" of tenants by status -> tenants filtered to SUSPENDED
        clickOn("#navOverview");
        waitForIdle();
        reveal("#tenants-slice-SUSPENDED");
        clickOn("#tenants-slice-SUSPENDED");
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        TableView<?> tenants = lookup("#table").queryAs(TableView.class);
        waitUntil("suspended tenants", () -> tenants.getItems().size() == 1);
        assertEquals("initech", ((Tenant) tenants.getItems().get(0)).tenantId());
        assertEquals(TenantStatus.SUSPENDED, ((Tenant) tenants.getItems().get(0)).status());

        // the whole budgets tile -> every open budget; the spend bar of a tenant -> its budgets
        clickOn("#navOverview");
        waitForIdle();
        reveal("#tile-budgets-box");
        clickOn("#tile-budgets");
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        waitUntil("all open budgets", () -> budgets.getItems().size() == 8);
        clickOn("#navOverview");
        waitForIdle();
        reveal("#spend-umbrella");
        clickOn("#spend-umbrella");
        waitForIdle();
        waitUntil("umbrella's budgets", () -> budgets.getItems().size() == 1
                && "umbrella".equals(((BudgetLedger) budgets.getItems().get(0)).tenantId()));

        // recent operator activity -> the audit log
        clickOn("#navOverview");
        waitForIdle();
        reveal("#openAudit");
        clickOn("#openAudit");
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        TableView<?> audit = lookup("#table").queryAs(TableView.class);
        waitUntil("audit rows", () -> audit.getItems().size() >= 10);
    }

    @Test
    void overviewAttentionItemsOpenFilteredListsAndChartsHaveData() {
        Seeds.acmeAndGlobex(server, api);
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
}
