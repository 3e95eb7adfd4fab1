package dev.cycles.admin.console.audit;

import dev.cycles.admin.console.common.domain.TimePreset;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.TenantCreateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditViewModelTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    @TempDir
    Path dir;

    private AuditViewModel vm(Session s) {
        return new AuditViewModel(Ctx.direct(s), Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void everyFilterBecomesAQueryParameter() {
        AuditViewModel vm = vm(new Session());
        vm.tenantProperty().set(" acme ");
        vm.keyIdProperty().set("key_1");
        vm.operationsProperty().set("fundBudget, createTenant");
        vm.resourceTypeProperty().set("budget");
        vm.resourceIdProperty().set("tenant:acme");
        vm.statusMinProperty().set("400");
        vm.statusMaxProperty().set("499");
        vm.errorCodesProperty().set("BUDGET_EXCEEDED DUPLICATE_RESOURCE");
        vm.errorCodesExcludedProperty().set("NOT_FOUND");
        vm.traceIdProperty().set("0123456789abcdef0123456789abcdef");
        vm.requestIdProperty().set("req-1");
        vm.searchProperty().set("bot");
        Map<String, String> q = vm.query();
        assertEquals("acme", q.get("tenant_id"));
        assertEquals("key_1", q.get("key_id"));
        assertEquals("fundBudget,createTenant", q.get("operation"));
        assertEquals("budget", q.get("resource_type"));
        assertEquals("tenant:acme", q.get("resource_id"));
        assertEquals("400", q.get("status_min"));
        assertEquals("499", q.get("status_max"));
        assertEquals("BUDGET_EXCEEDED,DUPLICATE_RESOURCE", q.get("error_code"));
        assertEquals("NOT_FOUND", q.get("error_code_exclude"));
        assertEquals("0123456789abcdef0123456789abcdef", q.get("trace_id"));
        assertEquals("req-1", q.get("request_id"));
        assertEquals("bot", q.get("search"));
        assertEquals("2026-03-09T12:00:00Z", q.get("from"), "default preset: last 24 hours");
        assertEquals("timestamp", q.get("sort_by"));
        assertEquals("desc", q.get("sort_dir"));
        assertEquals("", vm.validationProperty().get());
    }

    @Test
    void presetsAndCustomRanges() {
        AuditViewModel vm = vm(new Session());
        vm.presetProperty().set(TimePreset.LAST_15_MIN);
        assertEquals("2026-03-10T11:45:00Z", vm.query().get("from"));
        vm.presetProperty().set(TimePreset.ALL);
        assertFalse(vm.query().containsKey("from"));
        vm.presetProperty().set(TimePreset.CUSTOM);
        vm.fromProperty().set("2026-03-01");
        vm.toProperty().set("2026-03-02 08:30");
        assertEquals("2026-03-01T00:00:00Z", vm.query().get("from"));
        assertEquals("2026-03-02T08:30:00Z", vm.query().get("to"));
        vm.toProperty().set("2026-03-01");
        assertEquals("2026-03-02T00:00:00Z", vm.query().get("to"), "a date as To means the end of that day");
        vm.toProperty().set("2026-02-01");
        assertEquals("From must not be after To", vm.validationProperty().get());
        vm.toProperty().set("yesterday");
        assertTrue(vm.validationProperty().get().startsWith("To: use "), vm.validationProperty().get());
        vm.presetProperty().set(TimePreset.LAST_HOUR);
        assertEquals("", vm.fromProperty().get(), "a preset clears the custom range");
        assertEquals("", vm.validationProperty().get());
    }

    @Test
    void validationOfStatusAndTrace() {
        AuditViewModel vm = vm(new Session());
        vm.statusMinProperty().set("99");
        assertTrue(vm.validationProperty().get().startsWith("Status from"));
        vm.statusMinProperty().set("500");
        vm.statusMaxProperty().set("400");
        assertEquals("Status from must not exceed status to", vm.validationProperty().get());
        vm.statusMaxProperty().set("");
        vm.traceIdProperty().set("ABC");
        assertTrue(vm.validationProperty().get().startsWith("Trace ID"));
        vm.refresh();
        assertTrue(vm.summaryProperty().get().startsWith("Fix the query"), "no request with a broken form");
    }

    @Test
    void detailsShowIpAgentAndMetadata() {
        AuditLogEntry e = new AuditLogEntry("log_1", NOW, "acme", null, "curl/8", "10.0.0.7", "fundBudget", "budget",
                "tenant:acme", "req-1", null, 200, null, Map.of("operation", "CREDIT"));
        String d = AuditViewModel.details(e);
        assertTrue(d.contains("Source IP:  10.0.0.7"), d);
        assertTrue(d.contains("User agent: curl/8"), d);
        assertTrue(d.contains("\"operation\" : \"CREDIT\""), d);
        assertTrue(d.contains("Key:        -"), d);
        assertEquals("", AuditViewModel.details(null));
    }

    @Test
    void auditTimesShowSeconds() {
        java.time.Instant t = java.time.Instant.parse("2026-03-10T12:05:09.770Z");
        AuditLogEntry e = new AuditLogEntry("log_1", t, "acme", null, null, null, "fundBudget", "budget", "tenant:acme",
                "req-1", null, 200, null, Map.of());
        String local = dev.cycles.admin.console.common.Fx.dateTimeSeconds(t);
        assertTrue(local.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:09 .+"), "table cell to the second: " + local);
        String d = AuditViewModel.details(e);
        assertTrue(d.contains("2026-03-10T12:05:09.770Z  (" + local + ")"), d);
    }

    @Test
    void activityAndErrorCodeQueriesAgainstAServer() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
            AdminApiException dup = assertThrows(AdminApiException.class, () -> server.client().createTenant(
                    new TenantCreateRequest("acme", "Other", null, null, null, null, null, null, null, null)));
            Session s = new Session();
            s.connect(server.client(), "t", "#000");
            AuditViewModel vm = new AuditViewModel(Ctx.direct(s));
            vm.errorCodesProperty().set("DUPLICATE_RESOURCE");
            vm.refresh();
            assertEquals(1, vm.rows().size());
            assertEquals(dup.requestId(), vm.rows().get(0).requestId());
            vm.showActivity("Activity of tenant acme", Map.of("tenant_id", "acme"));
            assertEquals("", vm.errorCodesProperty().get(), "activity starts from a clean form");
            assertEquals(TimePreset.ALL, vm.presetProperty().get());
            assertEquals("Activity of tenant acme", vm.contextProperty().get());
            assertEquals(List.of("createTenant", "createTenant"), vm.rows().stream().map(AuditLogEntry::operation).toList(),
                    "the tenant's activity holds its create and the refused duplicate create");
            assertEquals(List.of(409, 201), vm.rows().stream().map(AuditLogEntry::status).toList(), "newest first");
            vm.clearFilters();
            vm.presetProperty().set(TimePreset.ALL);
            vm.setPageSize(1);
            vm.refresh();
            assertEquals(1, vm.rows().size());
            assertTrue(vm.hasMoreProperty().get());
            vm.loadMore();
            assertEquals(2, vm.rows().size());
            assertFalse(vm.hasMoreProperty().get());
        }
    }
}
