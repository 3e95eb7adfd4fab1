package dev.cycles.admin.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/admin/audit/logs over a known set of rows: every filter and sort is checked against the
 * same rule computed in the test, across every page.
 */
class AuditLogQueryTest extends ServerTest {
    static final String T = "aud-fix";
    static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
    static final String[] OPS = {"createBudget", "updateBudget", "fundBudget", "createPolicy"};
    static final int[] STATUSES = {200, 201, 400, 404, 409};
    static Api admin;
    static List<Fix> rows = new ArrayList<>();

    /** One known audit row. */
    record Fix(int i, String logId, long ts, String operation, String resourceType, String resourceId, int status,
               String errorCode, String keyId, String traceId, String requestId) {
    }

    @BeforeAll
    static void start() {
        admin = server.admin();
        for (int i = 0; i < 40; i++) {
            int status = STATUSES[i % 5];
            String code = switch (status) {
                case 400 -> "INVALID_REQUEST";
                case 404 -> "BUDGET_NOT_FOUND";
                case 409 -> i % 2 == 0 ? "BUDGET_FROZEN" : "DUPLICATE_RESOURCE";
                default -> null;
            };
            String op = OPS[i % 4];
            rows.add(new Fix(i, "log_fix_" + i, BASE.toEpochMilli() + (i / 2) * 1000L, op,
                    op.endsWith("Policy") ? "policy" : "budget", "res-" + i, status, code, i % 3 == 0 ? "key_a" : null,
                    String.format("%032x", 0xabc000L + i), "req-" + i));
        }
        server.db().write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_logs(log_id, timestamp, tenant_id, key_id, operation,"
                    + " resource_type, resource_id, request_id, trace_id, status, error_code, metadata) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Fix f : rows) {
                    p.setString(1, f.logId());
                    p.setLong(2, f.ts());
                    p.setString(3, T);
                    p.setString(4, f.keyId());
                    p.setString(5, f.operation());
                    p.setString(6, f.resourceType());
                    p.setString(7, f.resourceId());
                    p.setString(8, f.requestId());
                    p.setString(9, f.traceId());
                    p.setInt(10, f.status());
                    p.setString(11, f.errorCode());
                    p.setString(12, "{\"actor_type\":\"admin_on_behalf_of\"}");
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every log_id the endpoint returns for {@code query} (tenant T added), following cursors. */
    static List<String> all(String path, String query, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        int guard = 0;
        do {
            Api.Res r = admin.get(path + "?tenant_id=" + T + "&limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.status(), r.toString());
            JsonNode body = r.json();
            assertTrue(body.has("has_more"), "has_more is always present: " + r.body());
            body.path("logs").forEach(l -> out.add(l.path("log_id").asText()));
            cursor = body.path("has_more").asBoolean() ? body.path("next_cursor").asText() : null;
            assertTrue(++guard < 100);
        } while (cursor != null);
        return out;
    }

    static List<String> all(String query) {
        return all("/v1/admin/audit/logs", query, 7);
    }

    /** The expected ids, newest first (timestamp desc, then insertion order desc). */
    static List<String> expect(Predicate<Fix> keep) {
        return rows.stream().filter(keep)
                .sorted(Comparator.comparingLong(Fix::ts).thenComparingInt(Fix::i).reversed())
                .map(Fix::logId).collect(Collectors.toList());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertErr(Api.Res r, String messagePart) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("INVALID_REQUEST", r.error());
        assertTrue(r.json().path("message").asText().contains(messagePart), r.body());
    }

    @Test
    void defaultIsNewestFirstAcrossPages() {
        assertEquals(expect(f -> true), all(""));
        assertEquals(expect(f -> true), all("/v1/admin/audit/logs", "", 100));
        Api.Res one = admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=1");
        JsonNode first = one.json().path("logs").get(0);
        assertEquals("log_fix_39", first.path("log_id").asText());
        assertEquals("2026-03-01T10:00:19Z", first.path("timestamp").asText());
        assertEquals("createPolicy", first.path("operation").asText());
        assertEquals("409", first.path("status").asText());
        assertEquals("DUPLICATE_RESOURCE", first.path("error_code").asText());
        assertEquals("admin_on_behalf_of", first.path("metadata").path("actor_type").asText());
        assertTrue(one.json().path("has_more").asBoolean());
    }

    @Test
    void exactFilters() {
        assertEquals(expect(f -> "key_a".equals(f.keyId())), all("key_id=key_a"));
        assertEquals(expect(f -> f.resourceId().equals("res-7")), all("resource_id=res-7"));
        assertEquals(expect(f -> f.status() == 404), all("status=404"));
        assertEquals(expect(f -> f.traceId().equals(rows.get(12).traceId())), all("trace_id=" + rows.get(12).traceId()));
        assertEquals(expect(f -> f.requestId().equals("req-3")), all("request_id=req-3"));
        assertEquals(List.of(), all("key_id=nobody"));
        assertEquals(List.of(), all("/v1/admin/audit/logs", "status=418", 5));
    }

    @Test
    void inListsCommaSeparatedOrRepeated() {
        Predicate<Fix> ops = f -> f.operation().equals("createBudget") || f.operation().equals("fundBudget");
        assertEquals(expect(ops), all("operation=createBudget,fundBudget"));
        assertEquals(expect(ops), all("operation=createBudget&operation=fundBudget"));
        assertEquals(expect(ops), all("operation=" + enc(" createBudget , fundBudget ,, createBudget")));
        assertEquals(expect(f -> f.resourceType().equals("policy")), all("resource_type=policy"));
        assertEquals(expect(f -> true), all("resource_type=policy,budget"));
        Predicate<Fix> codes = f -> "BUDGET_FROZEN".equals(f.errorCode()) || "INVALID_REQUEST".equals(f.errorCode());
        assertEquals(expect(codes), all("error_code=BUDGET_FROZEN,INVALID_REQUEST"));
        assertEquals(List.of(), all("error_code=budget_frozen"), "case-sensitive");
        assertEquals(List.of(), all("error_code=NO_SUCH_CODE"), "unknown codes match nothing, never a 400");
        // Exclusion: successes (null error_code) always pass.
        assertEquals(expect(f -> !"BUDGET_FROZEN".equals(f.errorCode()) && !"BUDGET_NOT_FOUND".equals(f.errorCode())),
                all("error_code_exclude=BUDGET_FROZEN&error_code_exclude=BUDGET_NOT_FOUND"));
        assertEquals(expect(f -> f.errorCode() == null || f.errorCode().equals("INVALID_REQUEST")),
                all("error_code_exclude=BUDGET_FROZEN,BUDGET_NOT_FOUND,DUPLICATE_RESOURCE"));
    }

    @Test
    void listsHoldAtMost25DistinctValues() {
        String twentyFive = IntStream.range(0, 25).mapToObj(i -> "op" + i).collect(Collectors.joining(","));
        assertEquals(List.of(), all("operation=" + twentyFive));
        assertEquals(200, admin.get("/v1/admin/audit/logs?operation=" + twentyFive + ",op0,op1").status(), "duplicates count once");
        for (String p : List.of("operation", "resource_type", "error_code", "error_code_exclude")) {
            assertErr(admin.get("/v1/admin/audit/logs?" + p + "=" + twentyFive + ",x"), "at most 25");
        }
        assertErr(admin.get("/v1/admin/audit/logs?" + IntStream.range(0, 26).mapToObj(i -> "error_code=E" + i)
                .collect(Collectors.joining("&"))), "at most 25");
    }

    @Test
    void statusRange() {
        assertEquals(expect(f -> f.status() >= 400), all("status_min=400"));
        assertEquals(expect(f -> f.status() <= 201), all("status_max=201"));
        assertEquals(expect(f -> f.status() >= 400 && f.status() <= 404), all("status_min=400&status_max=404"));
        assertEquals(expect(f -> f.status() == 409), all("status_min=409&status_max=409"));
        assertErr(admin.get("/v1/admin/audit/logs?status=200&status_min=100"), "status cannot be combined");
        assertErr(admin.get("/v1/admin/audit/logs?status=200&status_max=599"), "status cannot be combined");
        assertErr(admin.get("/v1/admin/audit/logs?status_min=500&status_max=400"), "must not exceed");
        assertErr(admin.get("/v1/admin/audit/logs?status_min=99"), "between 100 and 599");
        assertErr(admin.get("/v1/admin/audit/logs?status_max=600"), "between 100 and 599");
        assertErr(admin.get("/v1/admin/audit/logs?status=abc"), "must be an integer");
    }

    @Test
    void timeWindowIsInclusive() {
        long from = BASE.toEpochMilli() + 5000;
        long to = BASE.toEpochMilli() + 9000;
        assertEquals(expect(f -> f.ts() >= from && f.ts() <= to),
                all("from=2026-03-01T10:00:05Z&to=" + enc("2026-03-01T11:00:09+01:00")));
        assertEquals(expect(f -> f.ts() >= from), all("from=2026-03-01T10:00:05.000Z"));
        assertEquals(expect(f -> f.ts() <= to), all("to=2026-03-01T10:00:09Z"));
        Api.Res bad = admin.get("/v1/admin/audit/logs?from=yesterday");
        assertErr(bad, "Invalid value for parameter 'from': yesterday");
        assertErr(admin.get("/v1/admin/audit/logs?to=2026-13-01T00:00:00Z"), "parameter 'to'");
        assertErr(admin.get("/v1/admin/audit/logs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), "from must not be after to");
    }

    @Test
    void searchAndCombinations() {
        assertEquals(expect(f -> f.resourceId().contains("res-1") || f.logId().contains("res-1")), all("search=RES-1"));
        assertEquals(expect(f -> f.operation().toLowerCase().contains("policy")), all("search=policy"));
        assertEquals(expect(f -> "DUPLICATE_RESOURCE".equals(f.errorCode())), all("search=duplicate_res"));
        assertEquals(expect(f -> f.logId().equals("log_fix_33")), all("search=log_fix_33"));
        assertEquals(List.of(), all("search=" + enc("%")), "% is literal");
        assertEquals(expect(f -> true), all("search="), "empty search is no search");
        assertErr(admin.get("/v1/admin/audit/logs?search=" + "x".repeat(129)), "at most 128");
        // AND-composition of several filters.
        assertEquals(expect(f -> f.operation().equals("fundBudget") && f.status() >= 400 && f.ts() >= BASE.toEpochMilli() + 3000
                        && !"BUDGET_FROZEN".equals(f.errorCode())),
                all("operation=fundBudget&status_min=400&from=2026-03-01T10:00:03Z&error_code_exclude=BUDGET_FROZEN"));
        assertErr(admin.get("/v1/admin/audit/logs?trace_id=ABC"), "trace_id must be 32");
    }

    @Test
    void everySortBothWays() {
        record Sort(String name, Function<Fix, Comparable> key) {
        }
        List<Sort> sorts = List.of(
                new Sort("timestamp", Fix::ts),
                new Sort("operation", Fix::operation),
                new Sort("resource_type", Fix::resourceType),
                new Sort("tenant_id", f -> T),
                new Sort("key_id", f -> f.keyId() == null ? "" : f.keyId()),
                new Sort("status", Fix::status));
        for (Sort s : sorts) {
            for (String dir : List.of("asc", "desc")) {
                @SuppressWarnings("unchecked")
                Comparator<Fix> cmp = Comparator.comparing((Fix f) -> (Comparable<Object>) s.key().apply(f)).thenComparingInt(Fix::i);
                List<String> want = rows.stream().sorted(dir.equals("asc") ? cmp : cmp.reversed()).map(Fix::logId).toList();
                assertEquals(want, all("sort_by=" + s.name() + "&sort_dir=" + dir), s.name() + " " + dir);
            }
        }
        // sort_by alone means descending.
        assertEquals(all("sort_by=status&sort_dir=desc"), all("sort_by=status"));
        assertErr(admin.get("/v1/admin/audit/logs?sort_by=log_id"), "sort_by must be one of");
        assertErr(admin.get("/v1/admin/audit/logs?sort_dir=up"), "sort_dir must be asc or desc");
    }

    @Test
    void cursorsBelongToTheirQuery() {
        Api.Res page = admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=3&status=404");
        String cursor = page.json().path("next_cursor").asText();
        assertFalse(cursor.isEmpty());
        assertErr(admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=3&status=409&cursor=" + cursor), "Cursor is not valid");
        assertErr(admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=3&status=404&sort_dir=asc&cursor=" + cursor), "Cursor is not valid");
        assertErr(admin.get("/v1/admin/audit/logs?cursor=log_fix_3"), "Cursor is not valid");
        assertEquals(200, admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=5&status=404&cursor=" + cursor).status(),
                "the page size may change between pages");
    }

    @Test
    void limitIsClampedAndHasMoreAlwaysPresent() {
        Api.Res big = admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=1000");
        assertEquals(40, big.json().path("logs").size());
        assertFalse(big.json().path("has_more").asBoolean());
        assertTrue(big.json().has("has_more"));
        assertFalse(big.json().has("next_cursor"));
        assertEquals(1, admin.get("/v1/admin/audit/logs?tenant_id=" + T + "&limit=0").json().path("logs").size());
        // The default page is 50.
        server.db().write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_logs(log_id, timestamp, tenant_id, operation, status)"
                    + " VALUES (?,?,?,?,?)")) {
                for (int i = 0; i < 60; i++) {
                    p.setString(1, "log_many_" + i);
                    p.setLong(2, BASE.toEpochMilli() + i);
                    p.setString(3, "aud-many");
                    p.setString(4, "createTenant");
                    p.setInt(5, 201);
                    p.executeUpdate();
                }
            }
            return null;
        });
        Api.Res def = admin.get("/v1/admin/audit/logs?tenant_id=aud-many");
        assertEquals(50, def.json().path("logs").size());
        assertTrue(def.json().path("has_more").asBoolean());
    }

    @Test
    void onlyTheAdminKeyMayRead() {
        String t = "aud-key";
        Fixtures.tenant(admin, t);
        Api key = server.tenant(Fixtures.key(admin, t, "[\"admin:read\",\"policies:read\"]"));
        assertEquals(401, key.get("/v1/admin/audit/logs").status());
        assertEquals(401, key.get("/v1/admin/audit-logs").status());
        assertEquals(401, server.anonymous().get("/v1/admin/audit/logs").status());
    }
}
