package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gaps of console I: debt badges, confirm dialogs that show refusals, a window that never freezes, the tenant picker. */
class Issue5GapsUiTest extends ConsoleUiTest {

    private void seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
        api.createBudget(new BudgetCreateRequest("acme", "tenant:acme/agent:bot", UnitEnum.USD_MICROCENTS,
                Amount.of(UnitEnum.USD_MICROCENTS, 10_000_000_000L), null, null, null, null, null, null));
        api.createBudget(new BudgetCreateRequest("acme", "tenant:acme/agent:calm", UnitEnum.TOKENS,
                Amount.of(UnitEnum.TOKENS, 1_000), null, null, null, null, null, null));
    }

    @Test
    void debtFromTheRuntimePlaneShowsOverAndDebtBadgesAndRedFigures() {
        seed();
        // Debt only comes from commits on the runtime plane: put it straight into the server's database.
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE budgets SET spent = ?, debt = ?, is_over_limit = 1 WHERE scope = ?")) {
                ps.setLong(1, 10_000_000_000L);
                ps.setLong(2, 1_234_500_000L);
                ps.setString(3, "tenant:acme/agent:bot");
                return ps.executeUpdate();
            }
        });
        assertEquals(1_234_500_000L, api.lookupBudget("tenant:acme/agent:bot", UnitEnum.USD_MICROCENTS).debt().amount());
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("both budgets", () -> table.getItems().size() == 2);
        // badges in the row of the indebted budget, none in the other
        waitUntil("badges", () -> badgeTexts("#table").containsAll(Set.of("OVER", "DEBT")));
        assertEquals(2, lookup("#table .badge-danger").queryAll().size(), "exactly one OVER and one DEBT badge");
        javafx.scene.control.Labeled debtCell = lookup("#table .table-cell").match(
                (javafx.scene.control.Labeled l) -> "$12.345".equals(l.getText())).queryLabeled();
        assertTrue(debtCell.getStyleClass().contains("negative"), "debt in the table is red: " + debtCell.getStyleClass());
        clickOn("tenant:acme/agent:bot");
        waitUntil("detail", () -> "$12.345".equals(text("#fig-debt")));
        assertTrue(lookup("#fig-debt").query().getStyleClass().contains("negative"), "debt figure is red");
        assertTrue(lookup("#fig-remaining").query().getStyleClass().contains("negative"), "negative remaining is red");
        assertTrue(badgeTexts("#detailBadges").containsAll(Set.of("OVER LIMIT", "DEBT")), badgeTexts("#detailBadges").toString());
        shot("40-budgets-over-limit-and-debt");
        // the filters find it
        clickOn("#hasDebt");
        waitUntil("debt filter", () -> table.getItems().size() == 1);
        clickOn("#hasDebt");
        clickOn("#overLimit");
        waitUntil("over-limit filter", () -> table.getItems().size() == 1);
    }

    private Set<String> badgeTexts(String within) {
        return lookup(within + " .badge").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aRefusedRevokeKeepsTheDialogOpenWithTheServersError() {
        seed();
        String keyId = api.createApiKey(new ApiKeyCreateRequest("acme", "ingest", null, List.of("budgets:read"), null, null, null)).keyId();
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();
        clickOn("ingest");
        clickOn("#revoke");
        type("#confirm-revoke-reason", "rotated");
        // another operator revokes it meanwhile
        api.revokeApiKey(keyId, "someone else");
        clickOn("#confirm-revoke-confirm");
        waitUntil("error in the dialog", () -> text("#confirm-revoke-error").startsWith("KEY_REVOKED: "));
        assertTrue(lookup("#confirm-revoke").tryQuery().isPresent(), "the dialog stays open");
        assertTrue(text("#confirm-revoke-error").length() > "KEY_REVOKED: ".length(), "with the server's message");
        assertEquals("KEY_REVOKED", text("#errorCode"), "and the status line records it too");
        shotOf("#confirm-revoke", "41-revoke-refused-dialog");
        clickOn("#confirm-revoke-cancel");
        assertFalse(lookup("#confirm-revoke").tryQuery().isPresent());
        assertEquals(ApiKeyStatus.REVOKED, api.listApiKeys(Map.of("tenant_id", "acme", "status", "REVOKED")).keys().get(0).status());
    }

    @Test
    void aSuccessfulConfirmClosesTheDialog() {
        seed();
        connectByTyping();
        clickOn("acme");
        waitForIdle();
        clickOn("#suspend");
        clickOn("#confirm-suspend-confirm");
        waitUntil("dialog closed", () -> lookup("#confirm-suspend").tryQuery().isEmpty());
        assertEquals(dev.cycles.admin.model.TenantStatus.SUSPENDED, api.getTenant("acme").status());
    }

    @Test
    void theWindowKeepsWorkingWhileASlowCallRuns() throws Exception {
        seed();
        connectByTyping();
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket slow = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answerSlowly(slow, received, release), "slow-server");
            t.setDaemon(true);
            t.start();
            interact(() -> console.ctx().session().connect(
                    new AdminClient("http://127.0.0.1:" + slow.getLocalPort(), "k"), "slow", "#888888"));
            clickOn("#refresh");
            assertTrue(received.await(10, TimeUnit.SECONDS), "the slow server got the request");
            // while the call hangs: the FX thread runs a probe, the busy indicator shows, typing works
            CountDownLatch probe = new CountDownLatch(1);
            Platform.runLater(probe::countDown);
            assertTrue(probe.await(10, TimeUnit.SECONDS), "the FX thread processed an event while the call was in flight");
            assertTrue(lookup("#busy").query().isVisible(), "busy indicator visible");
            assertTrue(text("#busyText").startsWith("Working"), text("#busyText"));
            clickOn("#search").write("zzz");
            assertEquals("zzz", text("#search"), "typing is handled while the call runs");
            assertEquals(1, release.getCount(), "and the call is still outstanding");
            save(stage.getScene(), "42-busy-while-slow-call");
            release.countDown();
            waitUntil("answer applied", () -> !lookup("#busy").query().isVisible());
            t.join(10_000);
        }
    }

    /** Accepts one connection, reads the request head, and answers an empty tenant page once released. */
    private static void answerSlowly(ServerSocket server, CountDownLatch received, CountDownLatch release) {
        try (Socket s = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // request head
            }
            received.countDown();
            release.await(30, TimeUnit.SECONDS);
            byte[] body = "{\"tenants\":[],\"has_more\":false}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (Exception ignored) {
            // the test fails on its own assertions
        }
    }

    @Test
    void apiKeysTenantFilterIsAPickerOfKnownTenants() {
        seed();
        api.createTenant(new TenantCreateRequest("globex", "Globex", null, null, null, null, null, null, null, null));
        api.createApiKey(new ApiKeyCreateRequest("acme", "acme-key", null, List.of("budgets:read"), null, null, null));
        api.createApiKey(new ApiKeyCreateRequest("globex", "globex-key", null, List.of("budgets:read"), null, null, null));
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();
        @SuppressWarnings("unchecked")
        ComboBox<String> picker = lookup("#tenant").queryAs(ComboBox.class);
        waitUntil("picker filled", () -> picker.getItems().equals(List.of("acme", "globex")));
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("both keys", () -> table.getItems().size() == 2);
        clickOn("#tenant .arrow-button");
        clickOn(lookup(".combo-box-popup .list-cell").match((javafx.scene.control.Labeled l) -> "globex".equals(l.getText())).queryLabeled());
        waitUntil("only globex", () -> table.getItems().size() == 1);
        assertEquals("globex", lookup("#tenant-editor").queryAs(TextField.class).getText());
        shot("43-keys-tenant-picker");
        Node editor = lookup("#tenant-editor").query();
        clickOn(editor);
        interact(() -> ((TextField) editor).clear());
        waitUntil("cleared", () -> table.getItems().size() == 2);
    }
}
