package dev.cycles.admin.model;

public enum PolicyStatus {
    ACTIVE, DISABLED
}
