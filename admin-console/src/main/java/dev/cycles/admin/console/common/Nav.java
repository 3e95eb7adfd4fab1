package dev.cycles.admin.console.common;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Cross-screen links, wired by the composition root: the "Activity" buttons open the audit
 * browser filtered to a tenant, key, budget or policy; overview attention items open filtered
 * lists; the audit and event screens open each other by request id;
 * the tenant detail asks for the policies screen's create dialog. Screens never call each other's
 * classes (ConsoleArchitectureTest), only these. ViewModels call these; tests can record them.
 */
public final class Nav {
    /** A filtered list to open: which screen and its filters by name (tenant, status, over_limit, ...). */
    public enum Target {
        TENANTS, BUDGETS, RESERVATIONS, KEYS, POLICIES, AUDIT, EVENTS, WEBHOOKS
    }

    private BiConsumer<String, Map<String, String>> activity = (title, filter) -> { };
    private BiConsumer<Target, Map<String, String>> list = (t, f) -> { };
    private Consumer<String> tenant = id -> { };
    private Runnable connection = () -> { };
    private CreatePolicy createPolicy = (tenantId, owner, saved) -> { };

    /** Opens the policies screen's create dialog for one tenant over {@code owner}; {@code saved} runs after it saved. */
    @FunctionalInterface
    public interface CreatePolicy {
        void open(String tenantId, javafx.stage.Window owner, Runnable saved);
    }

    public void setActivity(BiConsumer<String, Map<String, String>> h) {
        activity = h;
    }

    public void setList(BiConsumer<Target, Map<String, String>> h) {
        list = h;
    }

    public void setTenant(Consumer<String> h) {
        tenant = h;
    }

    /** Opens the audit browser with these query parameters (tenant_id, resource_type, resource_id, key_id, ...). */
    public void activity(String title, Map<String, String> auditFilter) {
        activity.accept(title, auditFilter);
    }

    public void list(Target t, Map<String, String> filters) {
        list.accept(t, filters);
    }

    public void setConnection(Runnable h) {
        connection = h;
    }

    /** Opens the connection screen (the "not connected" state of every list offers it). */
    public void connection() {
        connection.run();
    }

    /** Shows one tenant (quick jump). */
    public void tenant(String tenantId) {
        tenant.accept(tenantId);
    }

    public void setCreatePolicy(CreatePolicy h) {
        createPolicy = h;
    }

    /** "Create policy for this tenant" from another screen (the tenant detail). */
    public void createPolicy(String tenantId, javafx.stage.Window owner, Runnable saved) {
        createPolicy.open(tenantId, owner, saved);
    }

    /** The event browser at the events of one request (the audit browser's "Events of this request"). */
    public void eventsOfRequest(String requestId) {
        if (requestId != null && !requestId.isBlank()) {
            list(Target.EVENTS, Map.of("request_id", requestId, "title", "Request " + requestId));
        }
    }
}
