package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.WebhookBulkFilter;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookListResponse;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Webhooks list's local filters and the delivery stats, without a server. */
class WebhookListViewModelTest {
    static WebhookSubscription sub(String id, String name, String url, WebhookStatus status, int failures) {
        return new WebhookSubscription(id, "acme", name, null, url, List.of("tenant.updated"), null, null, null, null, status, null, 10,
                failures, null, null, null, null, null, null);
    }

    static final List<WebhookSubscription> ROWS = List.of(
            sub("whsub_1", "Slack bridge", "https://hooks.slack.com/services/T1", WebhookStatus.ACTIVE, 0),
            sub("whsub_2", "Pager", "https://events.pagerduty.com/v2/enqueue", WebhookStatus.ACTIVE, 3),
            sub("whsub_3", "Old slack", "https://hooks.slack.com/services/T0", WebhookStatus.DISABLED, 11),
            sub("whsub_4", "Audit sink", "https://audit.example.com/in", WebhookStatus.PAUSED, 0));

    private static List<String> shown(WebhookListFilter f) {
        return ROWS.stream().filter(f.predicate()).map(WebhookSubscription::subscriptionId).toList();
    }

    @Test
    void wildcardMatchesTheWholeUrlNameOrIdAndStarMatchesAnything() {
        assertEquals(List.of("whsub_1"), shown(new WebhookListFilter("https://hooks.slack.com/*", false, false, null)),
                "DISABLED stays hidden by default");
        assertEquals(List.of("whsub_1", "whsub_3"), shown(new WebhookListFilter("https://hooks.slack.com/*", false, true, null)));
        assertEquals(List.of("whsub_1", "whsub_3"), shown(new WebhookListFilter("*SLACK*", false, true, null)), "case does not matter");
        assertEquals(List.of(), shown(new WebhookListFilter("hooks*", false, true, null)), "a pattern is anchored: hooks* is not a URL start");
        assertEquals(List.of("whsub_4"), shown(new WebhookListFilter("audit*", false, true, null)), "the name counts too");
        assertEquals(List.of("whsub_2"), shown(new WebhookListFilter("whsub_2*", false, true, null)), "and the id");
        assertEquals(List.of(), shown(new WebhookListFilter("https://*.pagerduty.com/v?/*", false, true, null)), "only * is special: ? is literal");
        assertEquals(List.of("whsub_2"), shown(new WebhookListFilter("https://*.pagerduty.com/v2/*", false, true, null)));
        assertEquals(List.of("whsub_1", "whsub_3"), shown(new WebhookListFilter("*services/T*", false, true, null)));
        assertTrue(WebhookListFilter.glob("a.b*").matcher("a.bXYZ").matches());
        assertFalse(WebhookListFilter.glob("a.b*").matcher("aXbXYZ").matches(), "the dot is not a regex dot");
        assertTrue(WebhookListFilter.glob("*").matcher("").matches());
    }

    @Test
    void failingOnlyAndShowDisabled() {
        assertEquals(List.of("whsub_1", "whsub_2", "whsub_4"), shown(new WebhookListFilter("", false, false, null)));
        assertEquals(List.of("whsub_2"), shown(new WebhookListFilter("", true, false, null)));
        assertEquals(List.of("whsub_2", "whsub_3"), shown(new WebhookListFilter("", true, true, null)));
        assertTrue(shown(new WebhookListFilter("", false, false, WebhookStatus.DISABLED)).contains("whsub_3"),
                "the status filter DISABLED (applied by the server) shows them without the toggle");
        assertEquals("", new WebhookListFilter("slack", false, false, null).localOnly(), "a plain search is the server's");
        assertEquals("the wildcard URL filter '*x*' and Failing only", new WebhookListFilter("*x*", true, false, null).localOnly());
    }

    private Fakes fakes(List<Map<String, String>> queries) {
        return new Fakes(Map.of(
                "listTenants", a -> new TenantListResponse(List.of(), null, false),
                "listWebhooks", a -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> q = (Map<String, String>) a[0];
                    queries.add(q);
                    String st = q.get("status");
                    return new WebhookListResponse(ROWS.stream().filter(w -> st == null || w.status().name().equals(st)).toList(), null, false);
                }));
    }

    @Test
    void theOverviewsFailingLinkAndAWildcardStayLocalWhileTheRestGoesToTheServer() {
        List<Map<String, String>> queries = new ArrayList<>();
        Fakes f = fakes(queries);
        Session s = new Session();
        s.connect(f.admin(), f.runtime(), "fake", "#000");
        WebhooksViewModel vm = new WebhooksViewModel(Ctx.direct(s));
        vm.applyFilters(Map.of("failing", "true"));
        assertEquals(List.of("whsub_2"), vm.visible().stream().map(WebhookSubscription::subscriptionId).toList());
        assertTrue(vm.failingOnlyProperty().get());
        assertEquals(1, vm.disabledCountProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("1 of 4 subscriptions"), vm.summaryProperty().get());
        assertFalse(queries.get(queries.size() - 1).containsKey("failing"), "the server has no failing filter");

        vm.applyFilters(Map.of());
        assertFalse(vm.failingOnlyProperty().get(), "a link without failing clears it");
        vm.searchProperty().set("*slack*");
        assertEquals(List.of("whsub_1"), vm.visible().stream().map(WebhookSubscription::subscriptionId).toList(), "narrowed as typed");
        vm.refresh();
        assertFalse(queries.get(queries.size() - 1).containsKey("search"), "a wildcard is not sent as the server's substring search");
        assertEquals(new WebhookBulkFilter(null, null, null, null), vm.bulkFilter());
        vm.searchProperty().set("slack");
        vm.refresh();
        assertEquals("slack", queries.get(queries.size() - 1).get("search"));
        assertEquals(new WebhookBulkFilter(null, null, null, "slack"), vm.bulkFilter());
    }

    static WebhookDelivery delivery(WebhookDeliveryStatus st, int attempts, Long ms, Instant completed) {
        return new WebhookDelivery("d" + System.nanoTime(), "whsub_1", "evt", "tenant.updated", st, completed, completed, attempts,
                ms == null ? null : 200, ms, null, null, null, null, null);
    }

    @Test
    void deliveryStatsArithmetic() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        List<WebhookDelivery> rows = List.of(
                delivery(WebhookDeliveryStatus.SUCCESS, 1, 10L, now.minusSeconds(600)),
                delivery(WebhookDeliveryStatus.SUCCESS, 1, 20L, now.minusSeconds(180)),
                delivery(WebhookDeliveryStatus.FAILED, 3, 900L, now.minusSeconds(60)),
                delivery(WebhookDeliveryStatus.RETRYING, 2, 40L, now.minusSeconds(30)),
                delivery(WebhookDeliveryStatus.RETRYING, 7, 30L, now.minusSeconds(20)),
                delivery(WebhookDeliveryStatus.PENDING, 0, null, null));
        DeliveryStats st = DeliveryStats.of(rows, null);
        assertEquals(6, st.total());
        assertEquals(2, st.outcomes().get(WebhookDeliveryStatus.SUCCESS));
        assertEquals(1, st.outcomes().get(WebhookDeliveryStatus.FAILED));
        assertEquals(2, st.outcomes().get(WebhookDeliveryStatus.RETRYING));
        assertEquals(1, st.outcomes().get(WebhookDeliveryStatus.PENDING));
        assertArrayEquals(new int[] {2, 1, 1, 1}, st.attempts(), "1, 2, 3 and 4+ tries");
        assertEquals(1, st.untried());
        assertEquals("Tries 1:2 2:1 3:1 4+:1 · not tried yet:1", st.attemptsText());
        // times 10 20 30 40 900: nearest rank p50 = 3rd = 30, p95 = ceil(4.75) = 5th = 900
        assertEquals(30L, st.percentile(50));
        assertEquals(900L, st.percentile(95));
        assertEquals(900L, st.max());
        assertEquals("Response p50 30 · p95 900 · max 900 ms", st.responseText());
        assertEquals("Last success 3 min ago", st.lastSuccessText(now));
        assertEquals(DeliveryStats.Band.OK, st.band(now));
        assertEquals(DeliveryStats.Band.WARN, st.band(now.plusSeconds(2 * 3600)));
        assertEquals(DeliveryStats.Band.DANGER, st.band(now.plusSeconds(25 * 3600)));

        DeliveryStats none = DeliveryStats.of(List.of(delivery(WebhookDeliveryStatus.FAILED, 1, null, now)), null);
        assertEquals("Last success: never", none.lastSuccessText(now));
        assertEquals(DeliveryStats.Band.DANGER, none.band(now));
        assertNull(none.percentile(50));
        assertEquals("Response time: no answers timed yet", none.responseText());
        DeliveryStats older = DeliveryStats.of(List.of(), now.minusSeconds(7200));
        assertEquals("Last success 2 h ago", older.lastSuccessText(now), "the subscription's own last success beyond the loaded page");
    }
}
