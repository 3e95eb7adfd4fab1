package dev.cycles.admin.server.core;

/** What an operation acts on, as audit rows name it ({@code resource_type}). */
public enum ResourceType {
    TENANT("tenant"),
    API_KEY("api_key"),
    BUDGET("budget"),
    POLICY("policy"),
    BACKUP("backup"),
    AUDIT_LOG("audit"),
    EVENT("event"),
    WEBHOOK("webhook"),
    CONFIG("config"),
    RESERVATION("reservation"),
    USAGE_EVENT("usage_event");

    private final String wire;

    ResourceType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
