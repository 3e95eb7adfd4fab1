package dev.cycles.admin.model;

public enum RolloverPolicy {
    NONE, CARRY_FORWARD, CAP_AT_ALLOCATED
}
