package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.Ledgers;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.WebhookListResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tenants detail's banner of a CLOSED tenant: tombstone, cascade left open, Re-run cascade (against a fake API). */
class ClosedTenantBannerTest {
    private static Tenant tenant(TenantStatus st) {
        return new Tenant("acme", "Acme", st, null, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, null,
                st == TenantStatus.CLOSED ? Instant.parse("2026-03-10T12:00:00Z") : null);
    }

    private static ApiKey key(ApiKeyStatus st) {
        return new ApiKey("k1", "acme", "cyc_live_x", "n", null, List.of(), null, st, Instant.EPOCH, null, null, null, null, null);
    }

    @Test
    void aClosedTenantWithOpenChildrenOffersTheReRunAndItClosesTheTenantAgain() {
        AtomicBoolean rerun = new AtomicBoolean(false);
        List<Object> patched = new ArrayList<>();
        Fakes fakes = new Fakes(Map.of(
                "listBudgets", a -> new BudgetListResponse(List.of(
                        Ledgers.of("tenant:acme/a", UnitEnum.USD_MICROCENTS, rerun.get() ? BudgetStatus.CLOSED : BudgetStatus.ACTIVE, 1, 0, 0, false),
                        Ledgers.of("tenant:acme/b", UnitEnum.USD_MICROCENTS, BudgetStatus.CLOSED, 1, 0, 0, false)), null, false),
                "listApiKeys", a -> new ApiKeyListResponse(List.of(key(rerun.get() ? ApiKeyStatus.REVOKED : ApiKeyStatus.ACTIVE)), null, false),
                "listWebhooks", a -> new WebhookListResponse(List.of(), null, false),
                "updateTenant", a -> {
                    patched.add(a[1]);
                    rerun.set(true);
                    return tenant(TenantStatus.CLOSED);
                }));
        Session s = new Session();
        s.connect(fakes.admin(), fakes.runtime(), "fake", "#000");
        Ctx ctx = Ctx.direct(s);
        ClosedTenantBanner banner = new ClosedTenantBanner(ctx);

        banner.load(tenant(TenantStatus.CLOSED));
        assertTrue(banner.shownProperty().get());
        assertTrue(banner.incompleteProperty().get());
        assertTrue(banner.textProperty().get().startsWith("Close cascade incomplete: 1 budget not CLOSED, 1 API key still ACTIVE still open."),
                banner.textProperty().get());
        assertTrue(banner.textProperty().get().contains("there is no re-open"), "the tombstone too");
        assertEquals("Close acme again so the server finishes its cascade: 1 budget not CLOSED, 1 API key still ACTIVE."
                + " Nothing else changes; the tenant stays CLOSED.", banner.rerunText());

        List<String> done = new ArrayList<>();
        banner.rerun(() -> done.add("closed"), e -> done.add("refused " + e.code()));
        assertEquals(List.of("closed"), done);
        assertEquals(new TenantUpdateRequest(null, TenantStatus.CLOSED, null, null, null, null, null), patched.get(0),
                "the re-run is PATCH status CLOSED again");
        assertFalse(banner.incompleteProperty().get(), "counted again: nothing left open");
        assertTrue(banner.textProperty().get().startsWith("Tenant acme is CLOSED since "), banner.textProperty().get());
        assertEquals("Re-run close cascade of acme: cascade complete", ctx.status().messageProperty().get());
    }

    @Test
    void anOpenTenantHasNoBannerAndAskedNothing() {
        Fakes fakes = new Fakes(Map.of());
        Session s = new Session();
        s.connect(fakes.admin(), fakes.runtime(), "fake", "#000");
        ClosedTenantBanner banner = new ClosedTenantBanner(Ctx.direct(s));
        banner.load(tenant(TenantStatus.ACTIVE));
        assertFalse(banner.shownProperty().get());
        assertTrue(fakes.calls().isEmpty(), "no cascade check for an open tenant");
    }
}
