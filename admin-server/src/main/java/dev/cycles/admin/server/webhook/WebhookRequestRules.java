package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookThresholdConfig;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a subscription request may hold: the two normative invariants (a selector; tenant-owned
 * subscriptions only tenant-accessible types), known event types and categories, text and list
 * caps, the scope filter, thresholds, the retry policy, custom headers and the signing secret.
 * Each refusal is a 400 naming the field; nothing here touches the database.
 */
final class WebhookRequestRules {
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_NAME = 128;
    static final int MAX_HEADER_VALUE = 4096;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 512;
    static final int MAX_SCOPE_FILTER = 1024;
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Headers the delivery sets itself (or the HTTP layer owns); a subscription cannot override them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "user-agent",
            "traceparent", "tracestate", "transfer-encoding", "connection", "expect", "upgrade", "te", "keep-alive");

    private WebhookRequestRules() {
    }
    static void checkInvariants(String owner, WebhookService.Plane plane, List<String> types, List<String> categories) {
        if (types.isEmpty() && categories.isEmpty()) {
            throw ApiException.badRequest("At least one of event_types and event_categories must be non-empty");
        }
        if (!owner.equals(WebhookService.SYSTEM) || plane == WebhookService.Plane.TENANT) {
            for (String t : types) {
                if (!EventTypes.isTenantAccessible(t)) {
                    throw ApiException.badRequest("Event type '" + t + "' is admin-only; a tenant-owned subscription may select "
                            + "budget.*, reservation.* and tenant.* types only");
                }
            }
            for (String cat : categories) {
                if (!EventTypes.TENANT_CATEGORIES.contains(cat)) {
                    throw ApiException.badRequest("Event category '" + cat + "' is admin-only; a tenant-owned subscription may select "
                            + "the budget, reservation and tenant categories only");
                }
            }
        }
    }
    static List<String> eventTypes(List<String> raw) {
        Check.maxItems(raw, EventTypes.ALL.size() * 2, "event_types");
        Set<String> out = new LinkedHashSet<>();
        for (String t : raw) {
            if (!EventTypes.isKnown(t)) {
                throw ApiException.badRequest("Field 'event_types': unknown event type '" + clip(t) + "'");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }
    static List<String> categories(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Check.maxItems(raw, EventTypes.CATEGORIES.size() * 2, "event_categories");
        Set<String> out = new LinkedHashSet<>();
        for (String t : raw) {
            if (!EventTypes.isCategory(t)) {
                throw ApiException.badRequest("Field 'event_categories': unknown category '" + clip(t) + "'; allowed: " + EventTypes.CATEGORIES);
            }
            out.add(t);
        }
        return List.copyOf(out);
    }
    static void checkText(String name, String description) {
        Check.maxLength(name, Limits.NAME, "name");
        Check.maxLength(description, Limits.DESCRIPTION, "description");
    }
    static String scopeFilter(String raw, String owner) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > MAX_SCOPE_FILTER) {
            throw ApiException.badRequest("Field 'scope_filter' must be at most " + MAX_SCOPE_FILTER + " characters");
        }
        ScopePattern p;
        try {
            p = ScopePattern.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Field 'scope_filter': " + e.getMessage());
        }
        if (!owner.equals(WebhookService.SYSTEM) && !p.tenantId().equals(owner)) {
            throw ApiException.badRequest("Field 'scope_filter' must be within the subscription's tenant '" + owner + "'");
        }
        return p.canonical();
    }
    static void checkThresholds(WebhookThresholdConfig t) {
        if (t == null) {
            return;
        }
        if (t.budgetUtilization() != null) {
            Check.maxItems(t.budgetUtilization(), 20, "thresholds.budget_utilization");
            for (Double d : t.budgetUtilization()) {
                if (d == null || d < 0 || d > 1) {
                    throw ApiException.badRequest("Field 'thresholds.budget_utilization' entries must be between 0 and 1");
                }
            }
        }
        rangeD(t.burnRateMultiplier(), 1.5, 1e6, "thresholds.burn_rate_multiplier");
        Check.range(t.burnRateWindowSeconds(), 60, 86400, "thresholds.burn_rate_window_seconds");
        rangeD(t.denialRateThreshold(), 0, 1, "thresholds.denial_rate_threshold");
        rangeD(t.expiryRateThreshold(), 0, 1, "thresholds.expiry_rate_threshold");
        rangeD(t.authFailureRateThreshold(), 0, 1, "thresholds.auth_failure_rate_threshold");
        Check.range(t.rateWindowSeconds(), 60, 86400, "thresholds.rate_window_seconds");
    }
    static void rangeD(Double v, double min, double max, String field) {
        if (v != null && (v.isNaN() || v < min || v > max)) {
            throw ApiException.badRequest("Field '" + field + "' must be between " + min + " and " + max);
        }
    }
    static WebhookRetryPolicy retryPolicy(WebhookRetryPolicy p) {
        if (p == null) {
            return WebhookRetryPolicy.DEFAULTS;
        }
        Check.range(p.maxRetries() == null ? null : p.maxRetries().longValue(), 0, 10, "retry_policy.max_retries");
        Check.range(p.initialDelayMs(), 100, 60_000, "retry_policy.initial_delay_ms");
        rangeD(p.backoffMultiplier(), 1.0, 10.0, "retry_policy.backoff_multiplier");
        Check.range(p.maxDelayMs(), 1000, 3_600_000, "retry_policy.max_delay_ms");
        return p.withDefaults();
    }
    static int disableAfter(Long v) {
        if (v == null) {
            return WebhookService.DEFAULT_DISABLE_AFTER;
        }
        Check.range(v, 1, 10_000, "disable_after_failures");
        return v.intValue();
    }
    static Map<String, String> headers(Map<String, String> raw) {
        if (raw == null) {
            return null;
        }
        Check.maxEntries(raw, MAX_HEADERS, "headers");
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name == null || name.length() > MAX_HEADER_NAME || !HEADER_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("Field 'headers': '" + clip(name) + "' is not a valid header name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-cycles-")) {
                throw ApiException.badRequest("Field 'headers': '" + name + "' is set by the delivery itself");
            }
            if (!seen.add(lower)) {
                throw ApiException.badRequest("Field 'headers': '" + name + "' appears twice");
            }
            if (value == null || value.length() > MAX_HEADER_VALUE || value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                throw ApiException.badRequest("Field 'headers': the value of '" + name + "' must be at most " + MAX_HEADER_VALUE
                        + " characters without control characters");
            }
            out.put(name, value);
        }
        return out;
    }
    static String secret(String s) {
        if (s.length() < MIN_SECRET || s.length() > MAX_SECRET) {
            throw ApiException.badRequest("Field 'signing_secret' must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        return s;
    }

    /** A client's text quoted in an error message, cut so the message stays short. */
    static String clip(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
