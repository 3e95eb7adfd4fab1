package dev.cycles.admin.server.audit;

import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.http.OutcomeRecorder;
import dev.cycles.admin.server.core.OperationContext;

import java.time.Clock;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes audit rows. Services call {@link #record} inside the transaction of the change they
 * audit; the dispatcher calls {@link #record(OperationContext, Route, String, int, String)} for
 * requests that changed nothing (failures included). Secrets never reach these rows: callers
 * pass ids and outcomes, never request bodies.
 */
public final class AuditTrail implements OutcomeRecorder {
    private final Clock clock;
    public static final String ADMIN_SENTINEL = "__admin__";
    public static final String UNAUTH_SENTINEL = "__unauth__";

    private final Database db;
    private final AuditStore store;

    public AuditTrail(Database db, AuditStore store, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
    }

    /** One row for a change, in the caller's transaction. */
    public void record(Connection c, OperationContext ctx, int status, String tenantId, ResourceType resourceType,
                       String resourceId, Map<String, Object> metadata) throws SQLException {
        insert(c, ctx, ctx.operation(), status, null, tenantId, resourceType, resourceId, metadata);
        ctx.markAudited();
    }

    /** One extra row for a child changed by a cascade (for example a key revoked by a tenant close). */
    public void recordCascade(Connection c, OperationContext ctx, String kind, String tenantId, ResourceType resourceType,
                              String resourceId, Map<String, Object> metadata) throws SQLException {
        insert(c, ctx, kind, 200, null, tenantId, resourceType, resourceId, metadata);
    }

    /**
     * The row for a request its service did not audit (refusals, and writes that changed
     * nothing). A request that failed authentication is filed under {@code __unauth__} with no
     * resource: who sent it is unknown, so it must not appear in any resource's activity.
     */
    @Override
    public void record(OperationContext ctx, ResourceType routeType, int status, String errorCode) {
        ResourceType type = ctx.targetType() != null ? ctx.targetType() : routeType;
        String resourceId = ctx.principal() == null ? null : ResourceIds.validOrNull(type, ctx.targetId());
        String tenantId;
        if (ctx.principal() == null) {
            tenantId = UNAUTH_SENTINEL;
        } else if (ctx.principal() instanceof Principal.TenantKey key) {
            tenantId = key.tenantId();
        } else {
            tenantId = ResourceIds.owningTenant(type, resourceId);
            if (tenantId == null) {
                tenantId = ADMIN_SENTINEL;
            }
        }
        String tenant = tenantId;
        db.write(c -> {
            insert(c, ctx, ctx.operation(), status, errorCode, tenant, type, resourceId, null);
            return null;
        });
        ctx.markAudited();
    }

    private void insert(Connection c, OperationContext ctx, String operation, int status, String errorCode, String tenantId,
                        ResourceType resourceType, String resourceId, Map<String, Object> metadata) throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (ctx.principal() != null) {
            meta.put("actor_type", ctx.actorType(tenantId != null && !tenantId.startsWith("__")));
        }
        if (metadata != null) {
            meta.putAll(metadata);
        }
        Instant now = Now.of(clock);
        store.insert(c, new AuditStore.Row(Ids.newTimeOrderedId("log_", now.toEpochMilli()), now, tenantId, ctx.keyId(),
                ctx.userAgent(), ctx.sourceIp(), operation, resourceType == null ? null : resourceType.wire(), resourceId, ctx.requestId(),
                ctx.traceId(), status, errorCode, meta.isEmpty() ? null : Sql.toJson(meta)));
    }
}
