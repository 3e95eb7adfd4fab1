package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookCreateResponse;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookUpdateRequest;
import dev.cycles.admin.server.webhook.UrlGuard;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook form without a server: the URL guard's answer, the tenant boundary, ranges, and what is sent. */
class WebhookFormViewModelTest {
    /** Names resolved without DNS: hooks.example.com is public, intranet.example private; anything else does not resolve. */
    static final UrlGuard.AddressResolver RESOLVER = host -> switch (host) {
        case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("203.0.113.10")};
        case "intranet.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        default -> {
            if (host.matches("[0-9.]+")) {
                yield new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
    };

    private final List<Object> sent = new ArrayList<>();

    private Fakes fakes(Map<String, Function<Object[], Object>> more) {
        Map<String, Function<Object[], Object>> answers = new java.util.HashMap<>(more);
        answers.put("webhookSecurity", a -> WebhookSecurityConfig.DEFAULTS);
        answers.put("listTenants", a -> new dev.cycles.admin.model.TenantListResponse(List.of(), null, false));
        return new Fakes(answers);
    }

    private WebhookFormViewModel form(Fakes f, WebhookSubscription original) {
        Session s = new Session();
        s.connect(f.admin(), f.runtime(), "fake", "#000");
        WebhookFormViewModel form = new WebhookFormViewModel(Ctx.direct(s), new UrlCheck(RESOLVER), original);
        form.loadSecurity();
        return form;
    }

    private static void typeUrl(WebhookFormViewModel form, String url) {
        form.urlProperty().set(url);
        form.checkUrl();
    }

    @Test
    void theUrlGuardAnswersBeforeSavingWithTheServersReasons() {
        WebhookFormViewModel form = form(fakes(Map.of()), null);
        assertEquals("Enter the receiver's URL (https://…)", form.problemProperty().get());

        typeUrl(form, "http://127.0.0.1");
        assertTrue(form.verdictProperty().get().blocking());
        assertEquals("Refused: Webhook URL must use https (allow_http is off in the webhook security config)", form.problemProperty().get());

        typeUrl(form, "https://169.254.169.254/latest/meta-data");
        assertEquals("Refused: Webhook URL host resolves to 169.254.169.254, inside the blocked range 169.254.0.0/16",
                form.problemProperty().get());

        typeUrl(form, "https://intranet.example/hook");
        assertTrue(form.problemProperty().get().contains("10.1.2.3, inside the blocked range 10.0.0.0/8"), form.problemProperty().get());

        typeUrl(form, "https://user:pw@hooks.example.com/x");
        assertTrue(form.problemProperty().get().contains("must not carry user:password@"));

        typeUrl(form, "https://hooks.example.com/cycles");
        assertTrue(form.verdictProperty().get().accepted());
        assertEquals("Accepted by the URL guard: hooks.example.com resolves to 203.0.113.10", form.verdictProperty().get().text());
        assertEquals("Choose at least one event type", form.problemProperty().get(), "the URL is no longer the problem");

        // a name this machine cannot resolve may still resolve on the server: a warning, not a refusal
        typeUrl(form, "https://only-the-server-knows.internal/x");
        assertFalse(form.verdictProperty().get().blocking());
        assertTrue(form.verdictProperty().get().text().contains("does not resolve here"));
    }

    @Test
    void aTenantOwnedSubscriptionKeepsToTenantAccessibleTypesAndIsSentOrdered() {
        List<WebhookCreateResponse> created = new ArrayList<>();
        Fakes f = fakes(Map.of("createWebhook", a -> {
            sent.add(a[0]);
            sent.add(a[1]);
            WebhookCreateRequest r = (WebhookCreateRequest) a[1];
            return new WebhookCreateResponse(sub("acme", r.url(), r.eventTypes()), "whsec_once");
        }));
        WebhookFormViewModel form = form(f, null);
        typeUrl(form, "https://hooks.example.com/cycles");
        form.types().addAll(List.of("tenant.created", "api_key.created", "budget.funded"));
        form.categories().add("policy");
        assertTrue(form.isSystemWide());
        assertTrue(form.boundaryProperty().get().startsWith("System-wide"));
        assertEquals("", form.problemProperty().get());

        form.tenantProperty().set("acme");
        assertFalse(form.allowed("api_key.created"));
        assertTrue(form.allowed("reservation.denied"));
        assertEquals(List.of("tenant.created", "budget.funded"), List.copyOf(form.types()), "admin-only types are dropped");
        assertTrue(form.categories().isEmpty());
        assertTrue(form.boundaryProperty().get().contains("only budget, reservation and tenant events (29 types)"),
                form.boundaryProperty().get());

        form.scopeFilterProperty().set("tenant:globex/workspace:prod");
        assertEquals("The scope filter must be within tenant:acme", form.problemProperty().get());
        form.scopeFilterProperty().set("tenant:acme/workspace:prod");
        form.advanced().maxRetries.set("11");
        assertEquals("Max retries must be 0 to 10", form.problemProperty().get());
        form.advanced().maxRetries.set("3");
        form.advanced().utilization.set("0.8, 1.2");
        assertEquals("Budget utilization must be between 0 and 1 (now 1.2)", form.problemProperty().get());
        form.advanced().utilization.set("0.8, 0.95");
        assertEquals("", form.problemProperty().get());

        form.submit(created::add, s -> { throw new AssertionError("a create is not an edit"); });
        assertEquals(1, created.size());
        assertEquals("whsec_once", created.get(0).signingSecret());
        assertEquals("acme", sent.get(0));
        WebhookCreateRequest req = (WebhookCreateRequest) sent.get(1);
        assertEquals(List.of("budget.funded", "tenant.created"), req.eventTypes(), "in the spec's order");
        assertEquals("tenant:acme/workspace:prod", req.scopeFilter());
        assertEquals(new WebhookRetryPolicy(3, 1000L, 2.0, 60_000L), req.retryPolicy());
        assertEquals(List.of(0.8, 0.95), req.thresholds().budgetUtilization());
        assertEquals(10L, req.disableAfterFailures());
        assertNull(req.signingSecret(), "the server generates the secret");
    }

    @Test
    void anEditSendsOnlyWhatChangedAndKeepsARefusalInTheForm() {
        Fakes f = fakes(Map.of("updateWebhook", a -> {
            sent.add(a[1]);
            return sub("acme", "https://hooks.example.com/v2", List.of("tenant.created"));
        }));
        WebhookSubscription before = sub("acme", "https://hooks.example.com/v1", List.of("tenant.created"));
        WebhookFormViewModel form = form(f, before);
        form.checkUrl();
        assertEquals("", form.problemProperty().get());
        form.submit(c -> { }, s -> { throw new AssertionError("nothing changed"); });
        assertEquals("No changes to save", form.serverErrorProperty().get());
        assertTrue(f.calls().stream().noneMatch(c -> c.method().equals("updateWebhook")));

        typeUrl(form, "https://hooks.example.com/v2");
        form.types().add("budget.exhausted");
        List<WebhookSubscription> saved = new ArrayList<>();
        form.submit(c -> { }, saved::add);
        assertEquals(1, saved.size());
        WebhookUpdateRequest req = (WebhookUpdateRequest) sent.get(0);
        assertEquals("https://hooks.example.com/v2", req.url());
        assertEquals(List.of("budget.exhausted", "tenant.created"), req.eventTypes());
        assertNull(req.name());
        assertNull(req.retryPolicy(), "unchanged settings are left out of the PATCH");
        assertNull(req.disableAfterFailures());
        assertNull(req.status());

        Fakes refusing = fakes(Map.of("updateWebhook", a -> {
            throw new AdminApiException(400, "WEBHOOK_URL_INVALID", "Webhook URL host resolves to 10.0.0.1", "req-1");
        }));
        WebhookFormViewModel late = form(refusing, before);
        typeUrl(late, "https://hooks.example.com/v3");
        late.submit(c -> { }, s -> { throw new AssertionError("refused"); });
        assertEquals("WEBHOOK_URL_INVALID: Webhook URL host resolves to 10.0.0.1", late.serverErrorProperty().get());
        assertFalse(late.submittingProperty().get());
    }

    @Test
    void metadataIsAJsonObjectCheckedAsTypedAndSentOnlyWhenChanged() {
        Fakes f = fakes(Map.of("updateWebhook", a -> {
            sent.add(a[1]);
            return sub("acme", "https://hooks.example.com/v1", List.of("tenant.created"));
        }));
        WebhookSubscription before = new WebhookSubscription("whsub_1", "acme", null, null, "https://hooks.example.com/v1",
                List.of("tenant.created"), List.of(), null, null, Map.of("X-Team", "****"), WebhookStatus.ACTIVE, WebhookRetryPolicy.DEFAULTS,
                10, 0, null, null, null, null, null, Map.of("team", "payments"));
        WebhookFormViewModel form = form(f, before);
        form.checkUrl();
        assertTrue(form.metadataProperty().get().contains("\"team\" : \"payments\""), form.metadataProperty().get());
        assertEquals("", form.problemProperty().get());

        form.metadataProperty().set("{\"team\": ");
        assertTrue(form.problemProperty().get().startsWith("Metadata is not valid JSON"), form.problemProperty().get());
        form.metadataProperty().set("[1, 2]");
        assertEquals("Metadata must be a JSON object, like {\"team\": \"payments\"}", form.problemProperty().get());
        form.submit(c -> { }, s -> { throw new AssertionError("an unreadable metadata is not sent"); });
        assertTrue(f.calls().stream().noneMatch(c -> c.method().equals("updateWebhook")));
        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": 1");
        }
        form.metadataProperty().set(big + "}");
        assertEquals("Metadata has 33 entries; at most 32", form.problemProperty().get());

        form.metadataProperty().set("{\"team\": \"payments\", \"tier\": 1}");
        assertEquals("", form.problemProperty().get());
        form.submit(c -> { }, s -> { });
        WebhookUpdateRequest req = (WebhookUpdateRequest) sent.get(0);
        assertEquals(Map.of("team", "payments", "tier", 1), req.metadata());
        assertNull(req.url(), "only the metadata changed");
        assertNull(req.headers(), "headers are never sent back (their values are masked)");
        assertEquals("X-Team: ••••", WebhookDetails.maskedHeaders(before.headers()));
    }

    @Test
    void theSecurityFormSendsOneEntryALine() {
        SecurityFormViewModel form = new SecurityFormViewModel(Ctx.direct(new Session()));
        form.fill(WebhookSecurityConfig.DEFAULTS);
        form.blockedProperty().set(" 10.0.0.0/8 \n\n192.168.0.0/16\n");
        form.patternsProperty().set("https://hooks.example.com/*");
        form.allowHttpProperty().set(true);
        assertEquals(new WebhookSecurityConfig(List.of("10.0.0.0/8", "192.168.0.0/16"), List.of("https://hooks.example.com/*"), true),
                form.config());
    }

    static WebhookSubscription sub(String tenant, String url, List<String> types) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        return new WebhookSubscription("whsub_1", tenant, null, null, url, types, List.of(), null, null, Map.of(), WebhookStatus.ACTIVE,
                WebhookRetryPolicy.DEFAULTS, 10, 0, t, t, null, null, null, Map.of());
    }
}
