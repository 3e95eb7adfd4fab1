package dev.cycles.admin.server.audit;

import dev.cycles.admin.server.Time;
import dev.cycles.admin.server.Check;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.http.OutcomeRecorder;
import dev.cycles.admin.server.http.Correlation;
import dev.cycles.admin.server.http.RequestContext;
import dev.cycles.admin.server.http.Route;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes audit rows. Services call {@link #record} inside the transaction of the change they
 * audit; the dispatcher calls {@link #record(RequestContext, Route, String, int, String)} for
 * requests that changed nothing (failures included). Secrets never reach these rows: callers
 * pass ids and outcomes, never request bodies.
 */
public final class AuditTrail implements OutcomeRecorder {
    public static final String ADMIN_SENTINEL = "__admin__";
    public static final String UNAUTH_SENTINEL = "__unauth__";

    private final Database db;
    private final AuditStore store;

    public AuditTrail(Database db, AuditStore store) {
        this.db = db;
        this.store = store;
    }

    /** One row for a change, in the caller's transaction. */
    public void record(Connection c, RequestContext ctx, int status, String tenantId, String resourceType,
                       String resourceId, Map<String, Object> metadata) throws SQLException {
        insert(c, ctx, ctx.operation(), status, null, tenantId, resourceType, resourceId, metadata);
        ctx.markAudited();
    }

    /** One extra row for a child changed by a cascade (for example a key revoked by a tenant close). */
    public void recordCascade(Connection c, RequestContext ctx, String kind, String tenantId, String resourceType,
                              String resourceId, Map<String, Object> metadata) throws SQLException {
        insert(c, ctx, kind, 200, null, tenantId, resourceType, resourceId, metadata);
    }

    /**
     * The row for a request its service did not audit (refusals, and writes that changed
     * nothing). A request that failed authentication is filed under {@code __unauth__} with no
     * resource: who sent it is unknown, so it must not appear in any resource's activity.
     */
    @Override
    public void record(RequestContext ctx, Route route, String requestedId, int status, String errorCode) {
        String resourceId = ctx.principal() == null ? null : ResourceIds.validOrNull(route.resourceType(), requestedId);
        String tenantId;
        if (ctx.principal() == null) {
            tenantId = UNAUTH_SENTINEL;
        } else if (!ctx.isAdmin()) {
            tenantId = ((dev.cycles.admin.server.http.Principal.TenantKey) ctx.principal()).tenantId();
        } else if ("tenant".equals(route.resourceType()) && resourceId != null) {
            tenantId = resourceId;
        } else if ("budget".equals(route.resourceType()) && resourceId != null) {
            int slash = resourceId.indexOf('/');
            String owner = resourceId.startsWith("tenant:") ? resourceId.substring("tenant:".length(), slash < 0 ? resourceId.length() : slash) : "";
            tenantId = Check.TENANT_ID.matcher(owner).matches() ? owner : ADMIN_SENTINEL;
        } else {
            tenantId = ADMIN_SENTINEL;
        }
        db.write(c -> {
            insert(c, ctx, ctx.operation(), status, errorCode, tenantId, route.resourceType(), resourceId, null);
            return null;
        });
        ctx.markAudited();
    }

    private void insert(Connection c, RequestContext ctx, String operation, int status, String errorCode, String tenantId,
                        String resourceType, String resourceId, Map<String, Object> metadata) throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (ctx.principal() != null) {
            meta.put("actor_type", ctx.actorType(tenantId != null && !tenantId.startsWith("__")));
        }
        if (metadata != null) {
            meta.putAll(metadata);
        }
        store.insert(c, new AuditStore.Row(Correlation.newId("log_"), Time.now(), tenantId, ctx.keyId(),
                ctx.userAgent(), ctx.sourceIp(), operation, resourceType, resourceId, ctx.requestId(),
                ctx.traceId(), status, errorCode, meta.isEmpty() ? null : Sql.toJson(meta)));
    }
}
