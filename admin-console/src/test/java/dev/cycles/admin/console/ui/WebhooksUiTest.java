package dev.cycles.admin.console.ui;

import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.server.webhook.WebhookSender;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Webhooks screen against a real server, delivering to a receiver on loopback. */
class WebhooksUiTest extends ConsoleUiTest {
    record Received(String body, String signature) { }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    HttpServer receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(new String(body, StandardCharsets.UTF_8), ex.getRequestHeaders().getFirst("X-Cycles-Signature")));
            ex.sendResponseHeaders(answer.get(), -1);
            ex.close();
        });
        receiver.start();
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private void open() {
        connectByTyping();
        clickOn("#navWebhooks");
        waitForIdle();
        assertEquals(Screen.WEBHOOKS, console.window().current());
    }

    private void size(double w, double h) {
        interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        waitForIdle();
    }

    /** The main window at 1024x700 and 1920x1080, light and dark. */
    private void shots(String name) {
        size(1024, 700);
        shot(name + "-1024");
        size(1920, 1080);
        shot(name + "-1920");
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

    private String verdict() {
        return text("#webhook-url-verdict");
    }

    private void typeUrlAndWait(String url, String expected) {
        type("#webhook-url", url);
        waitUntil("URL guard answer for " + url, () -> verdict().contains(expected));
    }

    /** Scrolls the event-type picker so the check box is in view, then clicks it. */
    private void pick(String id) {
        interact(() -> {
            ScrollPane sp = lookup("#webhook-types").queryAs(ScrollPane.class);
            Node n = lookup(id).query();
            double y = n.localToScene(0, 0).getY() - sp.getContent().localToScene(0, 0).getY();
            double range = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / range)));
        });
        clickOn(id);
    }

    @Test
    void createsByTypingWithTheUrlGuardsAnswerAndShowsTheSecretOnce() {
        open();
        size(1024, 700);
        clickOn("#create");
        waitForIdle();
        Button ok = lookup("#webhook-form-ok").queryAs(Button.class);

        typeUrlAndWait("http://169.254.169.254/", "must use https");
        assertTrue(ok.isDisabled());
        typeUrlAndWait("https://169.254.169.254/latest/meta-data", "inside the blocked range 169.254.0.0/16");
        typeUrlAndWait("http://127.0.0.1", "Refused: Webhook URL must use https");
        typeUrlAndWait("https://127.0.0.1/hook", "resolves to 127.0.0.1, inside the blocked range 127.0.0.0/8");
        assertTrue(ok.isDisabled(), "a refused URL cannot be saved");
        shotOf("#webhook-form", "webhooks-create-refused");

        typeUrlAndWait("https://203.0.113.10/hooks/cycles", "Accepted by the URL guard: 203.0.113.10 resolves to 203.0.113.10");
        assertEquals("Choose at least one event type", problemLine());
        type("#webhook-name", "Ops bridge");
        type("#webhook-tenant", "acme");
        waitForIdle();
        assertTrue(lookup("#type-api_key_created").queryAs(CheckBox.class).isDisabled(), "admin-only types are off for a tenant's subscription");
        assertTrue(text("#webhook-boundary").contains("only budget, reservation and tenant events"));
        pick("#type-budget_funded");
        pick("#type-budget_exhausted");
        pick("#type-reservation_denied");
        assertFalse(ok.isDisabled(), problemLine());
        shotOf("#webhook-form", "webhooks-create");
        clickOn("Delivery and alerting");
        waitForIdle();
        shotOf("#webhook-form", "webhooks-create-advanced");
        clickOn("#webhook-form-ok");

        waitUntil("the signing secret", () -> lookup("#secret-value").tryQuery().isPresent());
        String secret = text("#secret-value");
        assertTrue(secret.length() >= 16, secret);
        List<WebhookSubscription> subs = api.listWebhooks(Map.of()).subscriptions();
        assertEquals(1, subs.size());
        WebhookSubscription s = subs.get(0);
        assertEquals("acme", s.tenantId());
        assertEquals("https://203.0.113.10/hooks/cycles", s.url());
        assertEquals("Ops bridge", s.name());
        assertEquals(List.of("budget.funded", "budget.exhausted", "reservation.denied"), s.eventTypes());
        shotOf("#secret-dialog", "webhooks-secret");
        clickOn("#secret-stored");
        clickOn("#secret-close");
        waitForIdle();
        assertFalse(anyNodeShows(secret), "the secret is gone once the dialog is closed");
        waitUntil("the new row", () -> table().getItems().stream().anyMatch(w -> w.subscriptionId().equals(s.subscriptionId())));
        assertTrue(text("#details").contains("budget.funded, budget.exhausted, reservation.denied"));
        assertFalse(text("#details").contains(secret));
        shots("webhooks-list");

        // edit: the form starts with the stored values; a change is saved and shown
        clickOn("#edit");
        waitUntil("the guard accepts the stored URL", () -> verdict().startsWith("Accepted"));
        assertEquals("https://203.0.113.10/hooks/cycles", text("#webhook-url"));
        assertTrue(lookup("#type-budget_funded").queryAs(CheckBox.class).isSelected());
        type("#webhook-name", "Ops bridge v2");
        shotOf("#webhook-form", "webhooks-edit");
        clickOn("#webhook-form-ok");
        waitUntil("saved", () -> "Ops bridge v2".equals(api.getWebhook(s.subscriptionId()).name()));
        assertTrue(text("#details").contains("Ops bridge v2"));
        assertFalse(anyNodeShows(secret), "an edit never shows the secret again");
    }

    /** Deliveries of tenant.updated the receiver got (retries included). */
    private long updates() {
        return received.stream().filter(r -> r.body().contains("\"tenant.updated\"")).count();
    }

    private String problemLine() {
        return lookup(".form-hint").queryAll().stream().filter(n -> n instanceof javafx.scene.control.Label)
                .map(n -> ((javafx.scene.control.Label) n).getText()).filter(t -> t.startsWith("Choose")).findFirst().orElse("");
    }

    @Test
    void securityConfigTestDeliveriesReplayPauseRotateAndDelete() {
        open();
        size(1024, 700);
        // the security config: the defaults refuse loopback and http; let the local receiver through
        clickOn("#security");
        waitUntil("the current config", () -> text("#security-blocked").contains("127.0.0.0/8"));
        shotOf("#security-form", "webhooks-security");
        interact(() -> lookup("#security-blocked").queryAs(TextArea.class).setText(""));
        clickOn("#security-blocked").write("10.0.0.0/8\n192.168.0.0/16");
        clickOn("#security-allow-http");
        clickOn("#security-form-ok");
        waitUntil("saved", () -> Boolean.TRUE.equals(api.webhookSecurity().allowHttp()));
        assertEquals(new WebhookSecurityConfig(List.of("10.0.0.0/8", "192.168.0.0/16"), List.of(), true), api.webhookSecurity());

        String id = api.createWebhook("acme", new WebhookCreateRequest("Loopback", null, hookUrl(), List.of("tenant.updated"), null,
                null, null, "first-secret-0123456789", null, null, null, null)).subscription().subscriptionId();
        clickOn("#run");
        waitUntil("the row", () -> table().getItems().size() == 1);
        clickOn(lookup("#table .table-row-cell").nth(0).queryAs(Node.class));
        waitForIdle();

        // test: the receiver's answer and how long it took
        clickOn("#test");
        waitUntil("the test result", () -> text("#test-result").startsWith("Test passed: HTTP 200 in "));
        assertTrue(text("#test-result").matches("Test passed: HTTP 200 in \\d+ ms.*"), text("#test-result"));
        assertTrue(received.stream().anyMatch(r -> r.body().contains("system.webhook_test")));
        answer.set(503);
        clickOn("#test");
        waitUntil("the failed test", () -> text("#test-result").startsWith("Test failed: HTTP 503"));

        // two real deliveries: one answered 200, one 500 (retried)
        answer.set(200);
        api.updateTenant("acme", new TenantUpdateRequest("Acme One", null, null, null, null, null, null));
        waitUntil("the first delivery", () -> updates() == 1);
        answer.set(500);
        api.updateTenant("acme", new TenantUpdateRequest("Acme Two", null, null, null, null, null, null));
        waitUntil("the second delivery", () -> updates() >= 2);
        clickOn("Deliveries");
        clickOn("#deliveryReload");
        waitUntil("both deliveries listed", () -> deliveries().getItems().stream().filter(d -> "tenant.updated".equals(d.eventType())).count() == 2);
        WebhookDelivery ok = deliveries().getItems().stream().filter(d -> d.status() == WebhookDeliveryStatus.SUCCESS).findFirst().orElseThrow();
        assertEquals(200, ok.responseStatus());
        WebhookDelivery failing = deliveries().getItems().stream().filter(d -> Integer.valueOf(500).equals(d.responseStatus()))
                .findFirst().orElseThrow();
        assertTrue(failing.attempts() >= 1);
        interact(() -> deliveries().getSelectionModel().select(failing));
        String details = text("#deliveryDetails");
        assertTrue(details.contains("HTTP 500"), details);
        assertTrue(details.matches("(?s).*Attempts\\s+\\d+.*"), details);
        shots("webhooks-deliveries");

        // from a delivery to its event in the Events screen
        answer.set(200);
        interact(() -> deliveries().getSelectionModel().select(ok));
        clickOn("#deliveryEvent");
        waitUntil("the Events screen", () -> console.window().current() == Screen.EVENTS);
        waitForIdle();
        waitUntil("the delivered event listed", () -> console.events().rows().stream().anyMatch(e -> e.eventId().equals(ok.eventId())));
        clickOn("#navWebhooks");
        waitForIdle();

        // replay a window: the server says how many events it queued
        clickOn(lookup("#table .table-row-cell").nth(0).queryAs(Node.class));
        clickOn("Subscription");
        clickOn("#replay");
        type("#replay-from", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        type("#replay-to", Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        clickOn("#replay-form-ok");
        waitUntil("replay result", () -> text("#replay-result").contains("queued"));
        assertTrue(text("#replay-result").startsWith("2 events queued"), text("#replay-result"));
        shotOf("#replay-form", "webhooks-replay");
        clickOn("#replay-form-cancel");

        // pause and resume
        clickOn("#pause");
        shotOf("#confirm-status", "webhooks-pause");
        clickOn("#confirm-status-confirm");
        waitUntil("paused", () -> api.getWebhook(id).status() == WebhookStatus.PAUSED);
        waitUntil("button says Resume", () -> "Resume".equals(text("#pause")));
        clickOn("#pause");
        clickOn("#confirm-status-confirm");
        waitUntil("active again", () -> api.getWebhook(id).status() == WebhookStatus.ACTIVE);

        // rotate: the new secret is shown once and signs the next delivery
        clickOn("#rotate");
        clickOn("#confirm-rotate-confirm");
        waitUntil("the new secret", () -> lookup("#secret-value").tryQuery().isPresent());
        String secret = text("#secret-value");
        clickOn("#secret-stored");
        clickOn("#secret-close");
        waitForIdle();
        assertFalse(anyNodeShows(secret));
        received.clear();
        clickOn("#test");
        waitUntil("signed test", () -> !received.isEmpty());
        Received r = received.get(0);
        assertEquals("sha256=" + WebhookSender.sign(r.body().getBytes(StandardCharsets.UTF_8), secret), r.signature());
        assertNotEquals("sha256=" + WebhookSender.sign(r.body().getBytes(StandardCharsets.UTF_8), "first-secret-0123456789"), r.signature());

        // delete, after typing the id
        clickOn("#delete");
        shotOf("#confirm-delete", "webhooks-delete");
        assertTrue(lookup("#confirm-delete-confirm").queryAs(Button.class).isDisabled());
        clickOn("#confirm-delete-typed").write(id);
        clickOn("#confirm-delete-confirm");
        waitUntil("deleted", () -> table().getItems().isEmpty());
        AdminApiException gone = assertThrows(AdminApiException.class, () -> api.getWebhook(id));
        assertEquals(404, gone.status());
        assertTrue(((TextInputControl) lookup("#details").query()).getText().isEmpty());
    }
}
