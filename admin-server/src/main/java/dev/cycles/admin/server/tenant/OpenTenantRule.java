package dev.cycles.admin.server.tenant;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.server.core.ApiException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one place of the rule "the tenant exists and is not CLOSED" that every change to something
 * a tenant owns (keys, budgets, policies) checks in its transaction: 404 TENANT_NOT_FOUND, or
 * 409 TENANT_CLOSED, since nothing a closed tenant owns may change (reads still work).
 */
public final class OpenTenantRule {
    private final TenantStore tenants;

    public OpenTenantRule(TenantStore tenants) {
        this.tenants = tenants;
    }

    public Tenant require(Connection c, String tenantId) throws SQLException {
        Tenant t = tenants.find(c, tenantId);
        refuseUnlessOpen(tenantId, t == null ? null : t.status());
        return t;
    }

    /** As {@link #require}, for a caller that needs nothing of the tenant (the fund path): reads its status alone. */
    public void check(Connection c, String tenantId) throws SQLException {
        refuseUnlessOpen(tenantId, tenants.status(c, tenantId));
    }

    private static void refuseUnlessOpen(String tenantId, TenantStatus status) {
        if (status == null) {
            throw ApiException.notFound(ErrorCode.TENANT_NOT_FOUND, "Tenant '" + tenantId + "' not found");
        }
        if (status == TenantStatus.CLOSED) {
            throw ApiException.conflict(ErrorCode.TENANT_CLOSED, "Tenant '" + tenantId + "' is CLOSED; what it owns is read-only");
        }
    }
}
