package dev.cycles.admin.model;

public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED
}
