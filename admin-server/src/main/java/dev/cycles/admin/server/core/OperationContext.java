package dev.cycles.admin.server.core;

/**
 * One operation's facts that travel into audit rows, events and error bodies: who acts, the
 * request and trace ids, where it came from. HTTP builds one per request; background work
 * (deliveries, expiry sweeps) builds its own with {@link #background}, so services never need
 * an HTTP request.
 */
public final class OperationContext {
    /** The user agent background work is recorded under. */
    public static final String BACKGROUND_AGENT = "cycles-admin-server";
    private final String requestId;
    private final String traceId;
    private final String sourceIp;
    private final String userAgent;
    private final String operation;
    private Principal principal;
    private boolean audited;
    private boolean summarised;
    private String inboundTraceFlags;
    private ResourceType targetType;
    private String targetId;

    public OperationContext(String requestId, String traceId, String sourceIp, String userAgent, String operation) {
        this.requestId = requestId;
        this.traceId = traceId;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.operation = operation;
    }

    /**
     * Work the server does on its own (a delivery worker, a sweeper): no principal, so its events
     * carry actor type {@code system}; a fresh request id, and the trace it continues.
     */
    public static OperationContext background(String operation, String traceId) {
        return new OperationContext(Ids.newRequestId(), traceId, null, BACKGROUND_AGENT, operation);
    }

    /** The flags of the request's valid inbound traceparent, or null; outbound deliveries carry them on. */
    public String inboundTraceFlags() {
        return inboundTraceFlags;
    }

    public void inboundTraceFlags(String flags) {
        this.inboundTraceFlags = flags;
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


    public Principal principal() {
        return principal;
    }

    public void authenticate(Principal p) {
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

    /**
     * Names the resource this operation acts on, as soon as the service knows it. If the
     * operation then fails, its audit row is filed under this resource (when the id is well formed).
     */
    public void target(ResourceType type, String id) {
        this.targetType = type;
        this.targetId = id;
    }

    public ResourceType targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public boolean audited() {
        return audited;
    }

    public void markAudited() {
        this.audited = true;
    }

    /** True when this request was counted in a refusal summary instead of getting an audit row of its own. */
    public boolean summarised() {
        return summarised;
    }

    public void markSummarised() {
        this.summarised = true;
    }
}
