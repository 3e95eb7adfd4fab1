package dev.cycles.admin.server.webhook;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF guard (digest 4.8) on create and update, and the security config that drives it. */
class WebhookUrlGuardTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static Api.Res create(String url) {
        return admin.post("/v1/admin/webhooks", "{\"url\":\"" + url + "\",\"event_types\":[\"budget.funded\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://10.0.0.1/hook", "https://192.168.1.20/hook", "https://172.16.5.4/hook",
            "https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:a9fe:a9fe]/hook", "https://[fd00::1]/hook",
            "https://2130706433/hook", "https://0x7f000001/hook", "https://0177.0.0.1/hook", "https://127.1/hook",
            "https://0.0.0.0/hook", "https://[::]/hook", "https://svc.private.test/hook", "https://mixed.test/hook",
            "https://nowhere.invalid/hook", "http://hooks.example.com/hook", "ftp://hooks.example.com/hook",
            "https://user:pw@hooks.example.com/hook", "hooks.example.com/hook", "https:///nohost"})
    void refusedUrls(String url) {
        Api.Res r = create(url);
        assertEquals(400, r.status(), url + " -> " + r);
        assertEquals("WEBHOOK_URL_INVALID", r.error(), url + " -> " + r);
    }

    @Test
    void publicHttpsIsAcceptedAndUpdatesAreCheckedToo() {
        Api.Res ok = create("https://hooks.example.com/cycles");
        assertEquals(201, ok.status(), ok.body());
        String id = ok.json().path("subscription").path("subscription_id").asText();
        Api.Res bad = admin.patch("/v1/admin/webhooks/" + id, "{\"url\":\"https://169.254.169.254/\"}");
        assertEquals("WEBHOOK_URL_INVALID", bad.error(), bad.body());
        assertEquals("https://hooks.example.com/cycles", admin.get("/v1/admin/webhooks/" + id).json().path("url").asText());
    }

    @Test
    void securityConfigDefaultsReplacementAndBadCidr() {
        Api.Res defaults = admin.get("/v1/admin/config/webhook-security");
        assertEquals(200, defaults.status(), defaults.body());
        assertEquals(7, defaults.json().path("blocked_cidr_ranges").size());
        assertEquals(false, defaults.json().path("allow_http").asBoolean());

        for (String bad : new String[]{"10.0.0.0/33", "10.0.0/8", "example.com/8", "::1/129", "10.0.0.0", "not a cidr"}) {
            Api.Res r = admin.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[\"" + bad + "\"]}");
            assertEquals(400, r.status(), bad + " -> " + r);
            assertEquals("INVALID_REQUEST", r.error());
        }
        assertEquals(0, Rows.count(server, "webhook_security_config", null), "nothing stored");

        try {
            // Patterns: only matching URLs pass.
            Api.Res put = admin.put("/v1/admin/config/webhook-security",
                    "{\"blocked_cidr_ranges\":[\"10.0.0.0/8\"],\"allowed_url_patterns\":[\"https://*.example.com/*\"]}");
            assertEquals(200, put.status(), put.body());
            assertEquals(201, create("https://a.example.com/x").status());
            assertEquals("WEBHOOK_URL_INVALID", create("https://example.org.example.net/x").error());
            // http needs allow_http; loopback may be unblocked by the operator (a development receiver) ...
            assertEquals(200, admin.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}").status());
            assertEquals(201, create("http://127.0.0.1:9/x").status());
            assertEquals(201, create("http://2130706433:9/x").status());
            // ... but metadata, link-local and any-local addresses stay refused whatever the config says.
            assertEquals("WEBHOOK_URL_INVALID", create("http://169.254.169.254/").error());
            assertEquals("WEBHOOK_URL_INVALID", create("http://[::ffff:169.254.169.254]/").error());
            assertEquals("WEBHOOK_URL_INVALID", create("http://0.0.0.0/").error());
            assertEquals("WEBHOOK_URL_INVALID", create("http://[fe80::1]/").error());
            Api.Res audit = admin.get("/v1/admin/audit/logs?operation=updateWebhookSecurityConfig");
            assertTrue(audit.json().path("logs").size() >= 2, audit.body());
        } finally {
            assertEquals(200, admin.put("/v1/admin/config/webhook-security", "{}").status());
        }
        assertEquals(7, admin.get("/v1/admin/config/webhook-security").json().path("blocked_cidr_ranges").size());
        assertEquals("WEBHOOK_URL_INVALID", create("https://127.0.0.1/").error());
    }
}
