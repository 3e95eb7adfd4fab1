package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Events screen against a real server: filters, details, drill-down to the audit log and back, live tail. */
class EventsUiTest extends ConsoleUiTest {
    private static final String SUPPORT = "tenant:acme/workspace:prod/agent:support";

    /** Two tenants, a budget, and a CREDIT on it: tenant.created x2, budget.created, budget.funded. */
    private void seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex Industries", null, null, null, null, null, null, null, null));
        api.createBudget(new BudgetCreateRequest("acme", SUPPORT, UnitEnum.USD_MICROCENTS,
                Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L), null, null, null, null, null, null));
        api.fundBudget(SUPPORT, UnitEnum.USD_MICROCENTS, "acme", new BudgetFundingRequest(FundingOperation.CREDIT,
                Amount.of(UnitEnum.USD_MICROCENTS, 10_000_000_000L), null, "quarterly top-up", null, null));
    }

    @Override
    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        try {
            super.waitUntil(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; rows: " + console.events().rows().stream().map(Event::eventType).toList()
                    + "; query: " + console.events().query() + "; summary: " + console.events().summaryProperty().get(), e);
        }
    }

    private TableView<Event> events() {
        @SuppressWarnings("unchecked")
        TableView<Event> t = lookup("#table").queryAs(TableView.class);
        return t;
    }

    private String details() {
        return lookup("#details").queryAs(TextArea.class).getText();
    }

    private void openEvents() {
        clickOn("#navEvents");
        waitForIdle();
        assertEquals(Screen.EVENTS, console.window().current());
    }

    @Test
    void filtersShowTheEnvelopeAndPayloadAndDrillToTheAuditLogAndBack() {
        seed();
        connectByTyping();
        openEvents();
        waitUntil("four events", () -> events().getItems().size() == 4);
        assertEquals("budget.funded", events().getItems().get(0).eventType(), "newest first");

        // event type: typed, Enter asks the server
        clickOn("#eventType-editor").write("tenant.created").push(KeyCode.ENTER);
        waitUntil("two tenants created", () -> events().getItems().size() == 2
                && events().getItems().stream().allMatch(e -> e.eventType().equals("tenant.created")));
        // plus the tenant picker
        clickOn("#event-tenant").write("globex").push(KeyCode.ENTER);
        waitUntil("globex only", () -> events().getItems().size() == 1 && events().getItems().get(0).tenantId().equals("globex"));
        clickOn("#clear");
        waitUntil("all four", () -> events().getItems().size() == 4);

        // category and scope prefix
        clickOn("#category-editor").write("budget").push(KeyCode.ENTER);
        waitUntil("budget events", () -> events().getItems().size() == 2);
        type("#scope", "tenant:acme/workspace:prod");
        push(KeyCode.ENTER);
        waitUntil("still both (prefix of the scope)", () -> events().getItems().size() == 2
                && events().getItems().stream().allMatch(e -> e.scope().equals(SUPPORT)));
        type("#scope", "tenant:acme/workspace:dev");
        push(KeyCode.ENTER);
        waitUntil("none under dev", () -> events().getItems().isEmpty());
        type("#scope", "");
        push(KeyCode.ENTER);
        waitUntil("budget events again", () -> events().getItems().size() == 2);

        // a bad trace id is caught before asking
        type("#traceId", "not-hex");
        assertTrue(text("#validation").startsWith("Trace ID is 32"), text("#validation"));
        assertTrue(lookup("#run").queryAs(Button.class).isDisabled());
        type("#traceId", "");

        // details: the envelope and the payload as JSON
        Event funded = events().getItems().stream().filter(e -> e.eventType().equals("budget.funded")).findFirst().orElseThrow();
        interact(() -> events().getSelectionModel().select(funded));
        waitUntil("details", () -> details().contains(funded.eventId()));
        String d = details();
        assertTrue(d.contains("Actor:       admin"), d);
        assertTrue(d.contains("Source:      cycles-admin"), d);
        assertNotNull(funded.requestId(), "the funding request is named");
        assertTrue(d.contains("Request ID:  " + funded.requestId()), d);
        assertTrue(d.contains("\"operation\" : \"CREDIT\""), "payload pretty-printed: " + d);
        assertTrue(d.contains("\"reason\" : \"quarterly top-up\""), d);
        shotAt("80-events", 1024, 700);
        shotAt("80-events", 1920, 1080);

        // drill-down: the audit entries of the same request
        clickOn("#auditOfRequest");
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        @SuppressWarnings("unchecked")
        TableView<AuditLogEntry> audit = lookup("#table").queryAs(TableView.class);
        waitUntil("the funding request's audit entry", () -> audit.getItems().size() == 1);
        assertEquals("fundBudget", audit.getItems().get(0).operation());
        assertEquals(funded.requestId(), audit.getItems().get(0).requestId());
        assertTrue(text("#context").contains(funded.requestId()), text("#context"));

        // and back: the events of that audit row's request
        interact(() -> audit.getSelectionModel().select(0));
        waitForIdle();
        assertFalse(lookup("#eventsOfRequest").queryAs(Button.class).isDisabled());
        shotAt("81-audit-events-of-request", 1024, 700);
        clickOn("#eventsOfRequest");
        waitForIdle();
        assertEquals(Screen.EVENTS, console.window().current());
        waitUntil("the funding event only", () -> events().getItems().size() == 1
                && events().getItems().get(0).eventId().equals(funded.eventId()));
        assertEquals(funded.requestId(), text("#requestId"));
        assertTrue(text("#context").contains(funded.requestId()), text("#context"));
        assertEquals("", text("#eventType-editor"), "the earlier filters were cleared");
    }

    @Test
    void liveTailAddsNewEventsOnTopKeepsTheSelectionAndStopsVisiblyOnFailure() {
        seed();
        connectByTyping();
        openEvents();
        waitUntil("four events", () -> events().getItems().size() == 4);
        Event selected = events().getItems().get(2);
        interact(() -> events().getSelectionModel().select(selected));
        interact(() -> console.events().setTailInterval(Duration.ofMillis(200)));
        clickOn("#live");
        assertTrue(lookup("#live").queryAs(ToggleButton.class).isSelected());
        waitUntil("following", () -> text("#liveState").startsWith("Live: following new events"));

        // a change made through the admin API shows up without a refresh
        api.createTenant(new TenantCreateRequest("initech", "Initech", null, null, null, null, null, null, null, null));
        waitUntil("new event on top", () -> !events().getItems().isEmpty()
                && "initech".equals(events().getItems().get(0).tenantId()));
        assertEquals(5, events().getItems().size());
        assertEquals(selected.eventId(), console.events().selectedProperty().get().eventId(), "selection kept");
        assertEquals(selected, events().getSelectionModel().getSelectedItem(), "the table still selects it");
        waitUntil("counted", () -> text("#liveState").contains("(1 new since turned on)"));
        shotAt("82-events-live", 1024, 700);

        // the server goes away: the tail stops and says so
        interact(() -> console.ctx().session().connect(new AdminClient("http://127.0.0.1:1", TestServer.ADMIN_KEY), "down", "#cf222e"));
        waitUntil("stopped", () -> text("#liveState").startsWith("Live tail stopped (CONNECTION_FAILED)"));
        assertFalse(lookup("#live").queryAs(ToggleButton.class).isSelected());
        assertTrue(lookup("#liveState").query().getStyleClass().contains("form-error"));
        assertEquals("CONNECTION_FAILED", text("#errorCode"));
        shotAt("83-events-live-stopped", 1024, 700);
    }

    @Test
    void anErrorClearsWhenTheNextActionOnItsScreenSucceedsAndAConnectionErrorWhenTheServerIsBack() {
        seed();
        connectByTyping();
        openEvents();
        waitUntil("four events", () -> events().getItems().size() == 4);

        // the server refuses a query (more than 25 event types)
        String tooMany = String.join(",", dev.cycles.admin.model.EventTypes.ALL.subList(0, 26));
        clickOn("#eventType-editor").write(tooMany).push(KeyCode.ENTER);
        waitUntil("refused", () -> !text("#errorCode").isEmpty());
        assertEquals("INVALID_REQUEST", text("#errorCode"));

        // a success on another screen leaves it: it belongs to the Events screen
        clickOn("#navTenants");
        waitForIdle();
        assertEquals("INVALID_REQUEST", text("#errorCode"), "an Events error stays beside a Tenants success");

        // the next successful action on the Events screen clears it
        openEvents();
        waitForIdle();
        assertEquals("INVALID_REQUEST", text("#errorCode"), "the same refused query again");
        interact(() -> console.events().eventTypeProperty().set("tenant.created"));
        clickOn("#run");
        waitUntil("two tenant events", () -> events().getItems().size() == 2);
        waitUntil("error cleared", () -> text("#errorCode").isEmpty());
        assertEquals("", text("#errorMessage"));

        // a connection error clears when the connection comes back, whichever screen succeeds
        interact(() -> console.ctx().session().connect(new AdminClient("http://127.0.0.1:1", TestServer.ADMIN_KEY), "down", "#cf222e"));
        clickOn("#run");
        waitUntil("connection error", () -> "CONNECTION_FAILED".equals(text("#errorCode")));
        interact(() -> console.ctx().session().connect(server.client(), "back", "#0969da"));
        clickOn("#navTenants");
        waitForIdle();
        waitUntil("connection error cleared", () -> text("#errorCode").isEmpty());
    }

    /** The main window at this size, light and dark: NAME-WxH.png and NAME-WxH-dark.png. */
    void shotAt(String name, int width, int height) {
        interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitForIdle();
        shot(name + "-" + width + "x" + height);
    }
}
