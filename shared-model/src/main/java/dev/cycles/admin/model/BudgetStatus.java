package dev.cycles.admin.model;

public enum BudgetStatus {
    ACTIVE, FROZEN, CLOSED
}
