package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log against a real server: the console's own failed request by error code, budget activity, exclusions, custom range. */
class AuditUiTest extends ConsoleUiTest {

    @Test
    void auditFindsTheFailedRequestByErrorCodeAndBudgetActivityShowsItsFunding() throws Exception {
        Seeds.acmeAndGlobex(server, api);
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
}
