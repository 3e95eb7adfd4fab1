package dev.cycles.admin.server.tenant;

import dev.cycles.admin.server.core.OperationContext;

import java.sql.Connection;
import java.sql.SQLException;

/** Something a tenant owns that must reach its terminal state in the same transaction as the close. */
@FunctionalInterface
public interface TenantCloseCascade {
    void onTenantClosed(Connection c, OperationContext ctx, String tenantId, String correlationId) throws SQLException;
}
