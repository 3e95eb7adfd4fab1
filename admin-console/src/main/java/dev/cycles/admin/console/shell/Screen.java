package dev.cycles.admin.console.shell;

/** The screens the navigation offers. */
public enum Screen {
    CONNECTION, OVERVIEW, TENANTS, BUDGETS, RESERVATIONS, KEYS, POLICIES, AUDIT, EVENTS, WEBHOOKS
}
