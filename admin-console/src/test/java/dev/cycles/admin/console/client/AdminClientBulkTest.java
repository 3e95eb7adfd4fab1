package dev.cycles.admin.console.client;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.WebhookBulkAction;
import dev.cycles.admin.model.WebhookBulkActionRequest;
import dev.cycles.admin.model.WebhookBulkActionResponse;
import dev.cycles.admin.model.WebhookBulkFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The webhook bulk call against a real server (the tenant and budget ones run in the UI tests). */
class AdminClientBulkTest {
    @TempDir
    Path dir;

    @Test
    void webhookBulkActionIsCountGatedAndReplaysByKey() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            AdminClient c = server.client();
            c.createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
            WebhookBulkFilter acme = new WebhookBulkFilter("acme", null, null, null);
            AdminApiException e = assertThrows(AdminApiException.class,
                    () -> c.bulkActionWebhooks(new WebhookBulkActionRequest(acme, WebhookBulkAction.PAUSE, 1L, "k-1")));
            assertEquals(409, e.status());
            assertEquals("COUNT_MISMATCH", e.code());
            WebhookBulkActionResponse r = c.bulkActionWebhooks(new WebhookBulkActionRequest(acme, WebhookBulkAction.PAUSE, 0L, "k-1"));
            assertEquals(0, r.totalMatched());
            assertEquals("k-1", r.idempotencyKey());
        }
    }
}
