package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.Reservations;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Reservations screen against a real server whose runtime plane made the reservations. */
class ReservationsUiTest extends ConsoleUiTest {
    private static final String SUPPORT = "tenant:acme/workspace:prod/agent:support";
    private static final String CODER = "tenant:acme/workspace:dev/agent:coder";

    /** Three holds of acme, made by an agent's tenant key: $12.50 and $3 on support, $7 on coder. */
    private List<String> seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex Industries", null, null, null, null, null, null, null, null));
        for (String scope : List.of(SUPPORT, CODER)) {
            api.createBudget(new BudgetCreateRequest("acme", scope, UnitEnum.USD_MICROCENTS,
                    Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L), null, null, null, null, null, null));
        }
        Reservations agent = new Reservations(server, api, "acme");
        String big = agent.reserve(Reservations.subject("acme", "prod", "support"), 1_250_000_000L,
                Map.of("ticket", "T-1042", "model", "gpt-4o")).reservationId();
        String small = agent.reserve(Reservations.subject("acme", "prod", "support"), 300_000_000L, null).reservationId();
        String dev = agent.reserve(Reservations.subject("acme", "dev", "coder"), 700_000_000L, null).reservationId();
        return List.of(big, small, dev);
    }

    @Override
    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        try {
            super.waitUntil(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; rows: " + (lookup("#table").tryQuery().isPresent()
                    ? table().getItems().stream().map(r -> r.reservationId() + " " + r.status()).toList() : "-")
                    + "; summary: " + console.reservations().summaryProperty().get(), e);
        }
    }

    private TableView<Reservation> table() {
        @SuppressWarnings("unchecked")
        TableView<Reservation> t = lookup("#table").queryAs(TableView.class);
        return t;
    }

    @Test
    void listsFiltersShowsDetailsAndForceReleasesWithAReason() {
        List<String> ids = seed();
        connectWithRuntime();
        String result = console.connection().resultProperty().get();
        assertTrue(result.contains("runtime API at " + server.runtimeUrl()), result);
        clickOn("#navReservations");
        waitForIdle();
        assertEquals(Screen.RESERVATIONS, console.window().current());
        assertTrue(table().getItems().isEmpty(), "nothing is listed before a tenant is chosen");

        // per tenant: the server lists one tenant's reservations at a time
        clickOn("#reservation-tenant").write("acme").push(KeyCode.ENTER);
        waitUntil("three active holds", () -> table().getItems().size() == 3);
        assertTrue(text("#summary").startsWith("3 active reservations of acme"), text("#summary"));

        // a subject-level filter goes to the server
        type("#workspace", "dev");
        push(KeyCode.ENTER);
        waitUntil("only the coder's hold", () -> table().getItems().size() == 1);
        assertEquals(ids.get(2), table().getItems().get(0).reservationId());
        type("#workspace", "");
        push(KeyCode.ENTER);
        waitUntil("all three again", () -> table().getItems().size() == 3);

        // server-side sort: largest hold first
        choose("#sort", "Largest hold first");
        waitUntil("sorted by hold", () -> table().getItems().size() == 3 && table().getItems().get(0).reservationId().equals(ids.get(0)));
        assertEquals(ids.get(1), table().getItems().get(2).reservationId());

        // details of the selected reservation
        interact(() -> table().getSelectionModel().select(0));
        waitForIdle();
        String details = lookup("#details").queryAs(TextArea.class).getText();
        assertTrue(details.contains("T-1042"), "metadata shown: " + details);
        assertTrue(details.contains(SUPPORT), details);
        assertTrue(details.contains("tenant:acme/workspace:prod"), "affected scopes listed: " + details);
        assertTrue(details.contains("$12.50"), details);
        assertTrue(details.contains("llm.completion / gpt-4o"), details);
        shotAt("60-reservations", 1024, 700);
        shotAt("60-reservations", 1920, 1080);

        // force release: the reason is required
        clickOn("#release");
        waitUntil("release dialog", () -> lookup("#release-form").tryQuery().isPresent());
        assertEquals("[INCIDENT_FORCE_RELEASE] ", lookup("#release-reason").queryAs(TextArea.class).getText(), "the incident tag is prefilled");
        assertTrue(lookup("#release-form-ok").queryAs(Button.class).isDisabled(), "no release without a reason after the tag");
        clickOn("#release-reason");
        interact(() -> lookup("#release-reason").queryAs(TextArea.class).end());
        write("agent crashed; hold stuck since the 09:00 deploy");
        assertFalse(lookup("#release-form-ok").queryAs(Button.class).isDisabled());
        dialogShots("#release-form", "61-force-release-dialog");
        clickOn("#release-form-ok");
        waitUntil("result shown", () -> lookup("#release-result").tryQuery().isPresent());
        assertTrue(text("#release-result-status").contains("RELEASED"), text("#release-result-status"));
        dialogShots("#release-result", "62-force-release-result");
        clickOn("#release-result-close");
        waitForIdle();

        // the server agrees, and the audit log keeps who released it and why
        Reservation onServer = api.runtimeClient(server.runtimeUrl()).getReservation(ids.get(0));
        assertEquals(ReservationStatus.RELEASED, onServer.status());
        List<AuditLogEntry> audit = api.listAuditLogs(Map.of("resource_id", ids.get(0))).logs();
        assertTrue(audit.stream().anyMatch(e -> e.status() == 200 && e.metadata() != null
                        && "[INCIDENT_FORCE_RELEASE] agent crashed; hold stuck since the 09:00 deploy".equals(e.metadata().get("reason"))),
                "audit row with the reason: " + audit);
        waitUntil("row re-read", () -> table().getItems().stream()
                .anyMatch(r -> r.reservationId().equals(ids.get(0)) && r.status() == ReservationStatus.RELEASED));
        assertTrue(lookup("#release").queryAs(Button.class).isDisabled(), "a released reservation cannot be released again");

        // the ACTIVE filter now leaves it out
        clickOn("#run");
        waitUntil("two active", () -> table().getItems().size() == 2);
        assertTrue(table().getItems().stream().allMatch(r -> r.status() == ReservationStatus.ACTIVE
                && !r.reservationId().equals(ids.get(0))), () -> String.valueOf(table().getItems()));
    }

    @Test
    void budgetDetailShowsReservedSpentAndDebtAsBars() {
        seed();
        connectWithRuntime();
        clickOn("#navBudgets");
        waitForIdle();
        @SuppressWarnings("unchecked")
        TableView<Object> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("budgets", () -> budgets.getItems().size() == 2);
        interact(() -> budgets.getSelectionModel().select(budgets.getItems().stream()
                .filter(b -> ((dev.cycles.admin.model.BudgetLedger) b).scope().equals(SUPPORT)).findFirst().orElseThrow()));
        waitForIdle();
        javafx.scene.control.ProgressBar reserved = lookup("#bar-reserved").queryAs(javafx.scene.control.ProgressBar.class);
        assertEquals(1_550_000_000.0 / 50_000_000_000.0, reserved.getProgress(), 1e-9, "$15.50 of $500 held");
        assertEquals(0.0, lookup("#bar-spent").queryAs(javafx.scene.control.ProgressBar.class).getProgress(), 1e-9);
        assertEquals(0.0, lookup("#bar-debt").queryAs(javafx.scene.control.ProgressBar.class).getProgress(), 1e-9);
        shotAt("63-budget-bars", 1024, 700);
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
