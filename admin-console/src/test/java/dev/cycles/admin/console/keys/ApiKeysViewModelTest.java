package dev.cycles.admin.console.keys;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateResponse;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.TenantCreateRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysViewModelTest {
    @TempDir
    Path dir;
    TestServer server;
    Ctx ctx;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        Session s = new Session();
        s.connect(server.client(), "test", "#000000");
        ctx = Ctx.direct(s);
        server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ApiKey key(String id, ApiKeyStatus st, Instant expires) {
        return new ApiKey(id, "acme", "cyc_live_abcd", "name-" + id, null, List.of("budgets:read"), null, st,
                Instant.EPOCH, null, expires, null, null, null);
    }

    @Test
    void filtersByStatusExpiryAndRevokedToggle() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ApiKey soon = key("key_soon", ApiKeyStatus.ACTIVE, now.plus(Duration.ofDays(3)));
        ApiKey later = key("key_later", ApiKeyStatus.ACTIVE, now.plus(Duration.ofDays(30)));
        ApiKey revoked = key("key_rev", ApiKeyStatus.REVOKED, now.plus(Duration.ofDays(1)));
        List<ApiKey> all = List.of(soon, later, revoked);
        assertEquals(2, all.stream().filter(ApiKeysViewModel.filter("", null, false, false, "", now)).count());
        assertEquals(3, all.stream().filter(ApiKeysViewModel.filter("", null, false, true, "", now)).count());
        assertEquals(List.of(soon), all.stream().filter(ApiKeysViewModel.filter("", null, true, true, "", now)).toList(),
                "revoked keys never count as expiring");
        assertEquals(List.of(revoked), all.stream().filter(ApiKeysViewModel.filter("", ApiKeyStatus.REVOKED, false, false, "", now)).toList());
        assertEquals(List.of(later), all.stream().filter(ApiKeysViewModel.filter("acm", null, false, false, "LATER", now)).toList());
        assertEquals(0, all.stream().filter(ApiKeysViewModel.filter("other", null, false, true, "", now)).count());
    }

    @Test
    void formValidatesAndDiffsPermissions() {
        ApiKeyFormViewModel f = new ApiKeyFormViewModel(ctx, null, "acme");
        assertEquals(Permission.DEFAULTS.size(), f.selectedPermissions().size(), "new keys start with the server defaults (no write permissions)");
        assertEquals("Name is required", f.validationProperty().get());
        f.nameProperty().set("svc");
        f.scopeFilterProperty().set("workspace:prod, bad");
        assertTrue(f.validationProperty().get().contains("'bad'"));
        f.scopeFilterProperty().set("workspace:prod, agent:*");
        assertTrue(f.validProperty().get());
        f.selectNone();
        assertEquals("Pick at least one permission", f.validationProperty().get());

        ApiKey stored = key("key_1", ApiKeyStatus.ACTIVE, null);
        ApiKeyFormViewModel edit = new ApiKeyFormViewModel(ctx, stored, null);
        assertEquals("", edit.diffProperty().get());
        assertNull(edit.updateRequest(), "no change, no PATCH");
        edit.grantedProperty(Permission.BUDGETS_WRITE).set(true);
        edit.grantedProperty(Permission.BUDGETS_READ).set(false);
        assertEquals("+budgets:write  \u2212budgets:read", edit.diffProperty().get());
        assertEquals(List.of("budgets:write"), edit.updateRequest().permissions());
        assertNull(edit.updateRequest().name());
    }

    @Test
    void createHoldsTheSecretUntilForgottenThenRevokeWithReason() {
        ApiKeyFormViewModel f = new ApiKeyFormViewModel(ctx, null, "acme");
        f.nameProperty().set("billing");
        f.grantedProperty(Permission.EVENTS_READ).set(true);
        List<ApiKeyCreateResponse> created = new ArrayList<>();
        f.submit(k -> { }, created::add);
        String secret = f.secretProperty().get();
        assertTrue(secret.startsWith("cyc_"), secret);
        assertTrue(server.client().listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).permissions().contains("events:read"));
        f.forgetSecret();
        assertNull(f.secretProperty().get());

        ApiKeysViewModel vm = new ApiKeysViewModel(ctx);
        vm.refresh();
        assertEquals(1, vm.visibleKeys().size());
        vm.revoke(vm.visibleKeys().get(0), "rotated", () -> { });
        ApiKey after = server.client().listApiKeys(Map.of("tenant_id", "acme")).keys().get(0);
        assertEquals(ApiKeyStatus.REVOKED, after.status());
        assertEquals("rotated", after.revokedReason());
        assertEquals(0, vm.visibleKeys().size(), "revoked keys hidden by default");
        vm.showRevokedProperty().set(true);
        assertEquals(1, vm.visibleKeys().size());

        vm.revoke(after, "again", () -> { });
        assertFalse(ctx.status().errorCodeProperty().get().isEmpty(), "revoking twice shows the server's refusal");
    }
}
