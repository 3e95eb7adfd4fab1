package dev.cycles.admin.model;

public enum TenantStatus {
    ACTIVE, SUSPENDED, CLOSED
}
