package dev.cycles.admin.server.http;

import java.time.Instant;

/** Per-request facts that travel into audit rows, events and error bodies. */
public final class RequestContext {
    private final String requestId;
    private final String traceId;
    private final String sourceIp;
    private final String userAgent;
    private final String operation;
    private final Instant receivedAt = Instant.now();
    private Principal principal;
    private boolean audited;

    public RequestContext(String requestId, String traceId, String sourceIp, String userAgent, String operation) {
        this.requestId = requestId;
        this.traceId = traceId;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.operation = operation;
    }

    public String requestId() {
        return requestId;
    }

    public String traceId() {
        return traceId;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public String operation() {
        return operation;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Principal principal() {
        return principal;
    }

    void authenticate(Principal p) {
        this.principal = p;
    }

    public boolean isAdmin() {
        return principal != null && principal.isAdmin();
    }

    /** The key id for audit rows: a tenant key's id, or null for the admin key. */
    public String keyId() {
        return principal instanceof Principal.TenantKey k ? k.keyId() : null;
    }

    /** The audit's actor type: admin, api_key, or admin_on_behalf_of on a tenant-owned resource. */
    public String actorType(boolean onBehalfOfTenant) {
        if (principal instanceof Principal.TenantKey) {
            return "api_key";
        }
        return onBehalfOfTenant ? "admin_on_behalf_of" : "admin";
    }

    public boolean audited() {
        return audited;
    }

    public void markAudited() {
        this.audited = true;
    }
}
