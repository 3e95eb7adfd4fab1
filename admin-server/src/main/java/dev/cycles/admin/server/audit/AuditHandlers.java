package dev.cycles.admin.server.audit;

import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.AuditLogListResponse;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.Correlation;
import dev.cycles.admin.server.http.ListParams;

import java.time.Instant;
import java.util.List;

/**
 * GET /v1/admin/audit/logs (and the public guide's /v1/admin/audit-logs): every filter of the
 * spec, AND-composed, applied before paging. This class reads the query; the rules are in
 * {@link AuditQueryService}.
 */
public final class AuditHandlers {
    static final int MAX_LIST_ITEMS = 25;

    private final AuditQueryService service;

    public AuditHandlers(AuditQueryService service) {
        this.service = service;
    }

    public AuditLogListResponse list(Call call) {
        Integer status = status(call, "status");
        Integer min = status(call, "status_min");
        Integer max = status(call, "status_max");
        Instant from = call.queryTime("from");
        Instant to = call.queryTime("to");
        String traceId = call.query("trace_id");
        if (traceId != null && !Correlation.isTraceId(traceId)) {
            throw ApiException.badRequest("trace_id must be 32 lowercase hexadecimal characters");
        }
        AuditLogFilter filter = new AuditLogFilter(call.query("tenant_id"), call.query("key_id"),
                list(call, "operation"), list(call, "resource_type"), call.query("resource_id"), status, min, max,
                list(call, "error_code"), list(call, "error_code_exclude"), from, to, traceId, call.query("request_id"),
                ListParams.search(call));
        Page<AuditLogEntry> logs = service.list(filter, ListParams.page(call));
        return new AuditLogListResponse(logs.items(), logs.nextCursor(), logs.hasMore());
    }

    private static List<String> list(Call call, String name) {
        List<String> values = call.queryList(name);
        if (values.size() > MAX_LIST_ITEMS) {
            throw ApiException.badRequest("Query parameter '" + name + "' may list at most " + MAX_LIST_ITEMS
                    + " distinct values (got " + values.size() + ")");
        }
        return values;
    }

    private static Integer status(Call call, String name) {
        Long v = call.queryLong(name);
        if (v == null) {
            return null;
        }
        if (v < 100 || v > 599) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be an HTTP status between 100 and 599");
        }
        return v.intValue();
    }
}
