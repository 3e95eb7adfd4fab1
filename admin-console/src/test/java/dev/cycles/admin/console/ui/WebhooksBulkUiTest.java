package dev.cycles.admin.console.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.console.bulk.WebhookBulk;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks screen: bulk pause / resume / delete, the failing-only, show-disabled and wildcard URL
 * filters, reset & re-enable, export, and the delivery stats, against a real server delivering
 * to a loopback receiver (/ok answers 200, /fail 500, /flaky what the test sets).
 */
class WebhooksBulkUiTest extends ConsoleUiTest {
    final AtomicInteger flaky = new AtomicInteger(200);
    final AtomicInteger hits = new AtomicInteger();
    HttpServer receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", ex -> answer(ex, 200));
        receiver.createContext("/fail", ex -> answer(ex, 500));
        receiver.createContext("/flaky", ex -> answer(ex, flaky.get()));
        receiver.start();
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        // the defaults refuse loopback and http; the receiver is both
        api.updateWebhookSecurity(new WebhookSecurityConfig(List.of("10.0.0.0/8"), List.of(), true));
    }

    private void answer(com.sun.net.httpserver.HttpExchange ex, int status) throws java.io.IOException {
        ex.getRequestBody().readAllBytes();
        hits.incrementAndGet();
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** A tenant.updated subscription of acme; one try per delivery (no retries) so outcomes are final at once. */
    private String hook(String name, String path, long disableAfter) {
        return api.createWebhook("acme", new WebhookCreateRequest(name, null, url(path), List.of("tenant.updated"), null, null, null,
                null, null, new WebhookRetryPolicy(0, 100L, 1.0, 1000L), disableAfter, null)).subscription().subscriptionId();
    }

    private void open() {
        connectByTyping();
        clickOn("#navWebhooks");
        waitForIdle();
        assertEquals(Screen.WEBHOOKS, console.window().current());
        size(1024, 700);
    }

    private void size(double w, double h) {
        interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        waitForIdle();
    }

    private void shots(String name) {
        size(1024, 700);
        shot(name + "-1024x700");
        size(1920, 1080);
        shot(name + "-1920x1080");
        size(1024, 700);
    }

    @SuppressWarnings("unchecked")
    private TableView<WebhookSubscription> table() {
        return lookup("#table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<WebhookDelivery> deliveries() {
        return lookup("#deliveryTable").queryAs(TableView.class);
    }

    private Set<String> shownNames() {
        return table().getItems().stream().map(WebhookSubscription::name).collect(Collectors.toSet());
    }

    private Node row(String name) {
        return lookup("#table .table-row-cell").match((javafx.scene.control.TableRow<WebhookSubscription> r) ->
                r.getItem() != null && name.equals(r.getItem().name())).query();
    }

    private void bulkMenu(String item) {
        clickOn("#bulk");
        clickOn(lookup(".menu-item .label").match((Labeled l) -> item.equals(l.getText())).queryLabeled());
        waitUntil("preview", () -> lookup("#bulk-count").tryQuery().isPresent() && text("#bulk-count").startsWith("This will touch"));
    }

    private WebhookStatus status(String id) {
        return api.getWebhook(id).status();
    }

    @Test
    void pausesExactlyTheTwoSelectedAndResumesByFilterWithTheServersCount() {
        String a = hook("hook-a", "/ok/a", 10);
        String b = hook("hook-b", "/ok/b", 10);
        String c = hook("hook-c", "/ok/c", 10);
        open();
        waitUntil("three rows", () -> table().getItems().size() == 3);

        // select two rows (Ctrl-click) and pause them
        clickOn(row("hook-a"));
        press(KeyCode.CONTROL).clickOn(row("hook-c")).release(KeyCode.CONTROL);
        assertEquals(2, table().getSelectionModel().getSelectedItems().size());
        clickOn("#bulk");
        waitForIdle();
        shots("webhooks-bulk-menu");
        push(KeyCode.ESCAPE);
        bulkMenu("Pause selected…");
        assertEquals("This will touch exactly 2 webhooks:", text("#bulk-count"));
        Button ok = lookup("#bulk-form-ok").queryButton();
        assertTrue(ok.isDisabled(), "Apply waits for the typed count");
        type("#bulk-typed", "2");
        assertFalse(ok.isDisabled());
        dialogShots("#bulk-form", "webhooks-bulk-dialog");
        clickOn(ok);
        waitUntil("result", () -> lookup("#bulk-result").tryQuery().isPresent());
        assertTrue(text("#bulk-result-summary").startsWith("2 succeeded, 0 failed, 0 skipped of 2"), text("#bulk-result-summary"));
        clickOn("#bulk-result-close");
        assertEquals(WebhookStatus.PAUSED, status(a));
        assertEquals(WebhookStatus.ACTIVE, status(b));
        assertEquals(WebhookStatus.PAUSED, status(c));
        waitUntil("the list shows the new state", () -> table().getItems().stream().filter(w -> w.status() == WebhookStatus.PAUSED).count() == 2);

        // filter-wide: every PAUSED one, counted by the server, gated by the typed count
        choose("#status", "PAUSED");
        waitUntil("paused rows", () -> shownNames().equals(Set.of("hook-a", "hook-c")));
        bulkMenu("Resume all matching the filter…");
        long serverCount = api.listWebhooks(Map.of("status", "PAUSED")).subscriptions().size();
        assertEquals("This will touch exactly " + serverCount + " webhooks:", text("#bulk-count"));
        type("#bulk-typed", "1");
        assertTrue(lookup("#bulk-form-ok").queryButton().isDisabled(), "a wrong count does not unlock Apply");
        type("#bulk-typed", Long.toString(serverCount));
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result").tryQuery().isPresent());
        assertTrue(text("#bulk-result-summary").startsWith("2 succeeded"), text("#bulk-result-summary"));
        clickOn("#bulk-result-close");
        for (String id : List.of(a, b, c)) {
            assertEquals(WebhookStatus.ACTIVE, status(id));
        }

        // a local-only filter cannot be sent to the server: the filter-wide dialog refuses it
        choose("#status", "Any status");
        type("#search", "*/ok/a");
        waitUntil("the wildcard narrows the table", () -> shownNames().equals(Set.of("hook-a")));
        clickOn("#bulk");
        clickOn(lookup(".menu-item .label").match((Labeled l) -> "Pause all matching the filter…".equals(l.getText())).queryLabeled());
        waitForIdle();
        assertTrue(lookup("#bulk-form-ok").queryButton().isDisabled());
        assertTrue(lookup(".form-hint").queryAll().stream().anyMatch(n -> n instanceof Labeled l && l.getText() != null
                && l.getText().contains("cannot apply the wildcard URL filter")), "the refusal is named");
        clickOn("#bulk-form-cancel");
        assertEquals(WebhookStatus.ACTIVE, status(a));
    }

    @Test
    void failingOnlyShowDisabledWildcardsSelectedResumeSkipsDisabledAndResetReEnables() {
        hook("healthy", "/ok/h", 10);
        String failing = hook("failing", "/fail/f", 10);
        String dead = hook("dead", "/fail/d", 1);
        // two events: 'failing' fails twice (still ACTIVE), 'dead' goes past its threshold of 1 and is DISABLED
        api.updateTenant("acme", new TenantUpdateRequest("Acme One", null, null, null, null, null, null));
        waitUntil("first failures", () -> api.getWebhook(failing).consecutiveFailures() == 1 && api.getWebhook(dead).consecutiveFailures() == 1);
        api.updateTenant("acme", new TenantUpdateRequest("Acme Two", null, null, null, null, null, null));
        waitUntil("disabled by the server", () -> status(dead) == WebhookStatus.DISABLED && api.getWebhook(failing).consecutiveFailures() == 2);
        open();

        // DISABLED hidden by default, counted on the toggle
        waitUntil("two rows", () -> shownNames().equals(Set.of("healthy", "failing")));
        assertEquals("Show disabled (1)", lookup("#showDisabled").queryAs(CheckBox.class).getText());
        assertTrue(text("#summary").contains("1 disabled hidden"), text("#summary"));
        clickOn("#failingOnly");
        waitUntil("failing only", () -> shownNames().equals(Set.of("failing")));
        clickOn("#showDisabled");
        waitUntil("failing incl. disabled", () -> shownNames().equals(Set.of("failing", "dead")));
        shots("webhooks-failing-only");
        clickOn("#failingOnly");
        waitUntil("all three", () -> shownNames().equals(Set.of("healthy", "failing", "dead")));

        // a wildcard pattern over URL, name and ID of the loaded rows
        type("#search", "http://127.0.0.1:*/fail/*");
        waitUntil("wildcard", () -> shownNames().equals(Set.of("failing", "dead")));
        type("#search", "DEA*");
        waitUntil("wildcard on the name", () -> shownNames().equals(Set.of("dead")));
        type("#search", "");
        waitUntil("all again", () -> shownNames().size() == 3);

        // resume of selected rows: the DISABLED one is skipped with the reason, not re-enabled
        interact(() -> table().getSelectionModel().selectAll());
        bulkMenu("Resume selected…");
        type("#bulk-typed", "3");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result").tryQuery().isPresent());
        assertTrue(text("#bulk-result-summary").startsWith("0 succeeded, 0 failed, 3 skipped of 3"), text("#bulk-result-summary"));
        @SuppressWarnings("unchecked")
        TableView<dev.cycles.admin.console.bulk.BulkResultDialog.Line> result = lookup("#bulk-result-table").queryAs(TableView.class);
        var deadLine = result.getItems().stream().filter(l -> l.id().equals(dead)).findFirst().orElseThrow();
        assertEquals("DISABLED", deadLine.code());
        assertEquals(WebhookBulk.DISABLED_EXCLUDED, deadLine.code() + ": " + deadLine.message());
        shotOf("#bulk-result", "webhooks-bulk-result");
        clickOn("#bulk-result-close");
        assertEquals(WebhookStatus.DISABLED, status(dead));

        // reset & re-enable the disabled one on its own: ACTIVE with the failure count at 0
        clickOn(row("dead"));
        waitUntil("the button says what it does", () -> "Reset & re-enable".equals(text("#pause")));
        assertTrue(text("#details").contains("Failures      2 in a row (disabled above 1)"), text("#details"));
        clickOn("#pause");
        assertTrue(text("#confirm-status-message").contains("reset to 0 (now 2 in a row)"), text("#confirm-status-message"));
        shotOf("#confirm-status", "webhooks-reset-reenable");
        clickOn("#confirm-status-confirm");
        waitUntil("re-enabled", () -> status(dead) == WebhookStatus.ACTIVE);
        assertEquals(0, api.getWebhook(dead).consecutiveFailures());
        waitUntil("Show disabled (0)", () -> "Show disabled (0)".equals(lookup("#showDisabled").queryAs(CheckBox.class).getText()));
    }

    @Test
    void deliveryStatsAddUpAndBothListsExport() throws Exception {
        String id = hook("stats", "/flaky/s", 100);
        hook("other", "/ok/o", 10);
        int[] answers = {200, 500, 200, 200, 500};
        for (int i = 0; i < answers.length; i++) {
            flaky.set(answers[i]);
            int before = hits.get();
            api.updateTenant("acme", new TenantUpdateRequest("Acme " + i, null, null, null, null, null, null));
            waitUntil("both receivers answered event " + i, () -> hits.get() >= before + 2);
            int n = i + 1;
            waitUntil("delivery " + n + " final", () -> api.listWebhookDeliveries(id, Map.of()).deliveries().stream()
                    .filter(d -> d.status() == WebhookDeliveryStatus.SUCCESS || d.status() == WebhookDeliveryStatus.FAILED).count() == n);
        }
        List<WebhookDelivery> server = api.listWebhookDeliveries(id, Map.of()).deliveries();
        open();
        waitUntil("rows", () -> table().getItems().size() == 2);
        clickOn(row("stats"));
        clickOn("Deliveries");
        waitUntil("five deliveries", () -> deliveries().getItems().size() == 5);

        assertEquals("SUCCESS 3", lookup("#deliveryOutcome-SUCCESS").queryAs(ToggleButton.class).getText());
        assertEquals("FAILED 2", lookup("#deliveryOutcome-FAILED").queryAs(ToggleButton.class).getText());
        assertFalse(lookup("#deliveryOutcome-PENDING").query().isVisible(), "no PENDING ones: no room taken");
        assertFalse(lookup("#deliveryOutcome-RETRYING").query().isVisible());
        assertTrue(text("#deliveryLastSuccess").matches("Last success \\d+ (s|min) ago"), text("#deliveryLastSuccess"));
        assertTrue(lookup("#deliveryLastSuccess").query().getStyleClass().contains("badge-ok"));
        List<Long> times = server.stream().map(WebhookDelivery::responseTimeMs).filter(java.util.Objects::nonNull).sorted().toList();
        assertEquals(5, times.size(), "every answer is timed");
        // nearest rank of 5: p50 is the 3rd, p95 the 5th
        assertEquals("Response p50 " + times.get(2) + " · p95 " + times.get(4) + " · max " + times.get(4) + " ms",
                text("#deliveryResponse"));
        List<String> bars = lookup(".stat-bar-label").queryAll().stream().map(n -> ((Labeled) n).getText()).toList();
        assertEquals(List.of("1:5", "2:0", "3:0", "4+:0"), bars);
        shots("webhooks-deliveries-stats");

        // a click on an outcome shows only those deliveries
        clickOn("#deliveryOutcome-FAILED");
        waitUntil("only failed", () -> deliveries().getItems().size() == 2
                && deliveries().getItems().stream().allMatch(d -> d.status() == WebhookDeliveryStatus.FAILED));
        assertTrue(text("#deliverySummary").startsWith("2 FAILED of 5 loaded"), text("#deliverySummary"));
        clickOn("#deliveryOutcome-FAILED");
        waitUntil("all again", () -> deliveries().getItems().size() == 5);

        // deliveries to CSV: every delivery, with its trace id
        Path csv = dir.resolve("exports").resolve("deliveries.csv");
        clickOn("#deliveryExport");
        type("#export-path", csv.toString());
        clickOn("#export-start");
        waitUntil("written", () -> Files.exists(csv) && text("#export-message").startsWith("Exported 5 rows"));
        clickOn("#export-cancel");
        List<List<String>> rows = ExportUiTest.parseCsv(Files.readString(csv));
        assertEquals(List.of("delivery_id", "subscription_id", "event_id", "event_type", "status", "attempts", "response_status",
                "response_time_ms", "error_message", "attempted_at", "completed_at", "next_retry_at", "trace_id"), rows.get(0));
        assertEquals(server.stream().map(WebhookDelivery::deliveryId).sorted().toList(),
                rows.subList(1, rows.size()).stream().map(r -> r.get(0)).sorted().toList());

        // the webhooks list to JSON parses back to the rows shown
        Path json = dir.resolve("exports").resolve("webhooks.json");
        clickOn("#export");
        choose("#export-format", "JSON");
        type("#export-path", json.toString());
        dialogShots("#export-dialog", "webhooks-export");
        clickOn("#export-start");
        waitUntil("json written", () -> Files.exists(json) && text("#export-message").startsWith("Exported 2 rows"));
        clickOn("#export-cancel");
        JsonNode arr = AdminClient.mapper().readTree(json.toFile());
        List<WebhookSubscription> back = new ArrayList<>();
        for (JsonNode n : arr) {
            back.add(AdminClient.mapper().treeToValue(n, WebhookSubscription.class));
        }
        assertEquals(table().getItems().stream().map(w -> w.subscriptionId() + "|" + w.url() + "|" + w.status()).sorted().toList(),
                back.stream().map(w -> w.subscriptionId() + "|" + w.url() + "|" + w.status()).sorted().toList());
        assertFalse(Files.readString(json).contains("signing_secret"));
    }

    @Test
    void emptyListsSayWhyAndAKeyWithoutManageWebhooksSeesTheWriteActionsGated() {
        hook("quiet", "/ok/q", 10);
        open();
        waitUntil("the row", () -> shownNames().equals(Set.of("quiet")));
        clickOn("#failingOnly");
        waitUntil("nothing failing", () -> table().getItems().isEmpty());
        assertEquals("No webhook subscriptions match the filters", text("#empty-title"));
        assertTrue(text("#empty-detail").contains("untick Failing only"), text("#empty-detail"));
        clickOn("#failingOnly");
        waitUntil("back", () -> table().getItems().size() == 1);
        clickOn(row("quiet"));
        clickOn("Deliveries");
        waitForIdle();
        assertTrue(lookup("#deliveryTable #empty-title").tryQuery().map(n -> ((Labeled) n).getText()).orElse("").equals("No deliveries yet"));
        assertTrue(text("#deliveryTable #empty-detail").contains("Send test"), text("#deliveryTable #empty-detail"));
        assertEquals("Last success: never", text("#deliveryLastSuccess"));
        assertTrue(lookup("#deliveryLastSuccess").query().getStyleClass().contains("badge-danger"));
        clickOn("Subscription");

        // metadata is edited as JSON, checked as typed; header values are never shown
        clickOn("#edit");
        waitUntil("the form", () -> lookup("#webhook-form").tryQuery().isPresent());
        clickOn("Metadata and headers");
        type("#webhook-metadata", "{\"team\": ");
        waitUntil("the JSON refusal", () -> lookup("#webhook-form .label").queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText() != null && ((Labeled) n).getText().startsWith("Metadata is not valid JSON")));
        assertTrue(lookup("#webhook-form-ok").queryButton().isDisabled());
        type("#webhook-metadata", "{\"team\": \"payments\"}");
        dialogShots("#webhook-form", "webhooks-edit-metadata");
        clickOn("#webhook-form-ok");
        waitUntil("saved", () -> Map.of("team", "payments").equals(api.listWebhooks(Map.of()).subscriptions().get(0).metadata()));
        waitUntil("shown in the details", () -> text("#details").contains("{\"team\":\"payments\"}"));

        // what introspect says for a read-only webhooks key
        List<String> perms = List.of("webhooks:read");
        interact(() -> console.ctx().session().accessProperty().set(new dev.cycles.admin.model.AuthIntrospectResponse(true, "tenant", perms,
                dev.cycles.admin.model.Capabilities.forTenantKey(perms), "acme", null)));
        for (String id : List.of("#pause", "#edit", "#delete", "#rotate", "#replay", "#test", "#bulk", "#security", "#create")) {
            javafx.scene.control.Control c = lookup(id).queryAs(javafx.scene.control.Control.class);
            assertTrue(dev.cycles.admin.console.common.Access.isGated(c), id + " is gated");
        }
        assertTrue(lookup("#pause").queryAs(javafx.scene.control.Control.class).getTooltip().getText().contains("manage_webhooks"));
        assertFalse(dev.cycles.admin.console.common.Access.isGated(lookup("#export").queryAs(javafx.scene.control.Control.class)),
                "reading and exporting stay open");
        clickOn("#pause");
        waitForIdle();
        assertTrue(lookup("#confirm-status").tryQuery().isEmpty(), "a gated Pause opens nothing");
        shots("webhooks-gated");
    }
}
