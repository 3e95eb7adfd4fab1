package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;

import java.util.List;

/** How a subscription reads in the list and its details pane. */
final class WebhookDetails {
    private WebhookDetails() {
    }

    static String owner(WebhookSubscription w) {
        return WebhookFormViewModel.systemWide(w.tenantId()) ? "System-wide" : w.tenantId();
    }

    /** Types, else categories, else "all" (what the dashboard shows too). */
    static String events(WebhookSubscription w) {
        List<String> types = w.eventTypes() == null ? List.of() : w.eventTypes();
        List<String> cats = w.eventCategories() == null ? List.of() : w.eventCategories();
        String t = types.size() <= 2 ? String.join(", ", types) : types.get(0) + ", " + types.get(1) + " +" + (types.size() - 2) + " more";
        String c = cats.isEmpty() ? "" : (t.isEmpty() ? "" : "; ") + "all of " + String.join(", ", cats);
        return t.isEmpty() && c.isEmpty() ? "all" : t + c;
    }

    /** "2 / 10": failures in a row against the auto-disable threshold. */
    static String failures(WebhookSubscription w) {
        int n = w.consecutiveFailures() == null ? 0 : w.consecutiveFailures();
        return n + (w.disableAfterFailures() == null ? "" : " / " + w.disableAfterFailures());
    }

    /** Health as the list's dot says it: disabled, paused, failing, healthy. */
    static String health(WebhookSubscription w) {
        if (w.status() == null) {
            return "";
        }
        return switch (w.status()) {
            case DISABLED -> "DISABLED";
            case PAUSED -> "PAUSED";
            case ACTIVE -> w.consecutiveFailures() != null && w.consecutiveFailures() > 0 ? "FAILING" : "ACTIVE";
        };
    }

    /** "X-Team: ••••, X-Env: ••••": header names with the values masked (the server returns them masked too). */
    static String maskedHeaders(java.util.Map<String, String> h) {
        return h.keySet().stream().map(k -> k + ": ••••").collect(java.util.stream.Collectors.joining(", "));
    }

    /** "3 in a row (disabled above 10)": the failure count against the auto-disable threshold. */
    static String failureLine(WebhookSubscription w) {
        int n = w.consecutiveFailures() == null ? 0 : w.consecutiveFailures();
        Integer max = w.disableAfterFailures();
        if (max == null) {
            return n + " in a row";
        }
        // the server disables once the count goes past the threshold (DeliveryWorker: failures > disable_after)
        String near = n > 0 && max - n <= 2 ? "  ← close to being disabled" : "";
        return n + " in a row (disabled above " + max + ")" + near;
    }

    static String text(WebhookSubscription w) {
        if (w == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        line(b, "ID", w.subscriptionId());
        line(b, "Owner", owner(w) + (WebhookFormViewModel.systemWide(w.tenantId()) ? " (events of every tenant)" : ""));
        line(b, "URL", w.url());
        line(b, "Name", w.name());
        line(b, "Description", w.description());
        line(b, "Status", String.valueOf(w.status()));
        line(b, "Failures", failureLine(w));
        line(b, "Event types", w.eventTypes() == null || w.eventTypes().isEmpty() ? "" : String.join(", ", w.eventTypes()));
        line(b, "Categories", w.eventCategories() == null || w.eventCategories().isEmpty() ? "" : String.join(", ", w.eventCategories()));
        line(b, "Scope", w.scopeFilter());
        if (w.headers() != null && !w.headers().isEmpty()) {
            line(b, "Headers", maskedHeaders(w.headers()) + "  (values stored encrypted, never shown)");
        }
        WebhookRetryPolicy p = w.retryPolicy() == null ? WebhookRetryPolicy.DEFAULTS : w.retryPolicy().withDefaults();
        line(b, "Retry", p.maxRetries() + " retries, " + p.initialDelayMs() + " ms × " + WebhookAdvanced.plain(p.backoffMultiplier())
                + ", at most " + p.maxDelayMs() + " ms");
        if (w.thresholds() != null) {
            line(b, "Thresholds", json(w.thresholds()));
        }
        if (w.metadata() != null && !w.metadata().isEmpty()) {
            line(b, "Metadata", json(w.metadata()));
        }
        line(b, "Created", Fx.dateTime(w.createdAt()));
        line(b, "Updated", Fx.dateTime(w.updatedAt()));
        line(b, "Triggered", Fx.dateTime(w.lastTriggeredAt()));
        line(b, "Last success", Fx.dateTime(w.lastSuccessAt()));
        line(b, "Last failure", Fx.dateTime(w.lastFailureAt()));
        return b.toString();
    }

    private static String json(Object o) {
        try {
            return AdminClient.mapper().writeValueAsString(o);
        } catch (Exception e) {
            return String.valueOf(o);
        }
    }

    private static void line(StringBuilder b, String k, String v) {
        if (v != null && !v.isBlank()) {
            b.append(String.format("%-13s %s%n", k, v));
        }
    }

    /** ACTIVE: Pause; PAUSED without failures: Resume; DISABLED or PAUSED after failures: Reset & re-enable (PATCH ACTIVE zeroes the count). */
    static String pauseLabel(WebhookSubscription w) {
        if (w.status() == WebhookStatus.ACTIVE) {
            return "Pause";
        }
        boolean failed = w.consecutiveFailures() != null && w.consecutiveFailures() > 0;
        return w.status() == WebhookStatus.DISABLED || failed ? "Reset & re-enable" : "Resume";
    }

}
