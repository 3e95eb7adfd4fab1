package dev.cycles.admin.model;

/** The lifecycle action of POST /v1/admin/tenants/bulk-action. */
public enum TenantBulkAction {
    SUSPEND, REACTIVATE, CLOSE;

    /** The status a row ends in. */
    public TenantStatus target() {
        return switch (this) {
            case SUSPEND -> TenantStatus.SUSPENDED;
            case REACTIVATE -> TenantStatus.ACTIVE;
            case CLOSE -> TenantStatus.CLOSED;
        };
    }
}
