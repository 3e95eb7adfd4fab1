package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.TenantCreateRequest;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API keys screen: the create form's expiry, the edit diff, a refused revoke, the tenant filter picker. */
class ApiKeysUiTest extends ConsoleUiTest {

    private void openCreate(String name) {
        clickOn("#create");
        waitUntil("key form", () -> lookup("#key-form").tryQuery().isPresent());
        type("#key-tenant", "acme");
        type("#key-name", name);
    }

    private String clipboard() {
        String[] out = new String[1];
        interact(() -> out[0] = javafx.scene.input.Clipboard.getSystemClipboard().hasString()
                ? javafx.scene.input.Clipboard.getSystemClipboard().getString() : null);
        return out[0];
    }

    private DatePicker expires() {
        return lookup("#key-expires").queryAs(DatePicker.class);
    }

    @Test
    void aTypedIsoExpiryIsKeptAndAnUnreadableOneIsAnError() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();

        // typed, not picked, and OK clicked straight away (no Enter): the date is what the key gets
        LocalDate on = LocalDate.now().plusDays(40);
        openCreate("typed-expiry");
        clickOn(expires().getEditor()).write(on.toString());
        clickOn("#key-form-ok");
        waitUntil("secret shown", () -> lookup("#secret-value").tryQuery().isPresent());
        // Copy puts the secret on the clipboard, and the clipboard is cleared again after the TTL
        String secret = text("#secret-value");
        dev.cycles.admin.console.common.ClipboardGuard.secretTtl(java.time.Duration.ofMillis(800));
        try {
            clickOn("#secret-copy");
            assertEquals(secret, clipboard());
            assertTrue(text("#secret-copy").startsWith("Copied (cleared in"), text("#secret-copy"));
            waitUntil("clipboard cleared", () -> clipboard() == null);
            // something else copied since is left alone
            clickOn("#secret-copy");
            interact(() -> dev.cycles.admin.console.common.Fx.copy("something else"));
            sleep(1500);
            assertEquals("something else", clipboard());
        } finally {
            dev.cycles.admin.console.common.ClipboardGuard.secretTtl(java.time.Duration.ofSeconds(30));
        }
        clickOn("#secret-stored");
        clickOn("#secret-close");
        waitForIdle();
        List<ApiKey> keys = api.listApiKeys(Map.of("tenant_id", "acme")).keys();
        assertEquals(1, keys.size());
        assertEquals(on.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant(), keys.get(0).expiresAt(),
                "expires at the end of the typed day, not after the 90-day default");

        // a date in another format is an error shown in the form; the text stays as typed and nothing is created
        openCreate("bad-expiry");
        clickOn(expires().getEditor()).write("24/12/2026");
        clickOn("#key-name"); // leaving the field commits it; the picker must not swap it for "no date"
        waitForIdle();
        assertEquals("24/12/2026", expires().getEditor().getText());
        assertTrue(anyNodeShows("'24/12/2026' is not a date; use YYYY-MM-DD"), "the error is visible");
        assertTrue(lookup("#key-form-ok").queryAs(Button.class).isDisabled(), "nothing can be created with it");
        shotOf("#key-form", "71-key-expiry-error");
        clickOn("#key-form-cancel");
        waitForIdle();
        assertEquals(1, api.listApiKeys(Map.of("tenant_id", "acme")).keys().size(), "no key was created");
    }

    @Test
    void aRefusedRevokeKeepsTheDialogOpenWithTheServersError() {
        Seeds.acmeWithTwoBudgets(api);
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
    void apiKeysTenantFilterIsAPickerOfKnownTenants() {
        Seeds.acmeWithTwoBudgets(api);
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

    /** The edit form marks added and removed permissions and the PATCH changes only those. */
    @Test
    void keyEditShowsThePermissionDiffAndPatchesOnlyThePermissions() {
        Seeds.acmeInThreeUnits(api);
        connectByTyping();

        // API key edit: the ± diff and a PATCH with only the permissions
        clickOn("#navKeys");
        waitForIdle();
        clickOn("ingest");
        clickOn("#edit");
        clickOn("#perm-events-read");
        clickOn("#perm-balances-read");
        waitUntil("diff", () -> text("#key-diff").contains("+balances:read") && text("#key-diff").contains("\u2212events:read"));
        shotOf("#key-form", "15-key-edit-dialog");
        clickOn("#key-form-ok");
        waitUntil("permissions patched", () -> api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).permissions().contains("balances:read"));
        List<String> perms = api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).permissions();
        assertFalse(perms.contains("events:read"));
        assertEquals("ingest", api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).name());
    }

    @Test
    void thePermissionsLinkOpensTheListAndHiddenRevokedKeysAreCounted() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createApiKey(new dev.cycles.admin.model.ApiKeyCreateRequest("acme", "nightly-batch", null,
                List.of("reservations:list", "budgets:read"), List.of("tenant:acme/workspace:prod"), null, null));
        var gone = api.createApiKey(new dev.cycles.admin.model.ApiKeyCreateRequest("acme", "old", null, List.of("budgets:read"), null, null, null));
        api.revokeApiKey(gone.keyId(), "rotated");
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();
        waitUntil("listed", () -> lookup("#table").queryAs(javafx.scene.control.TableView.class).getItems().size() == 1);
        assertEquals("Show revoked / expired (1)", lookup("#showRevoked").queryAs(javafx.scene.control.CheckBox.class).getText());

        clickOn("2 granted ›");
        waitUntil("dialog", () -> lookup("#permissions-dialog").tryQuery().isPresent());
        assertEquals(List.of("budgets:read", "reservations:list"),
                List.copyOf(lookup("#permissions-list").queryListView().getItems()), "every permission, sorted");
        assertEquals("Scope filter: tenant:acme/workspace:prod", text("#permissions-scope"));
        dialogShots("#permissions-dialog", "105-key-permissions");
        clickOn("#permissions-close");
    }
}
