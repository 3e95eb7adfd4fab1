package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.runtime.Action;
import dev.cycles.admin.model.runtime.Subject;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scopes a subject names: one per level present, top-down, each the path of the ones above
 * plus its own {@code kind:value} (lower-cased). Absent levels are skipped, never filled in.
 * {@code dimensions} never make scopes. {@code namedTenant} is {@code subject.tenant} exactly as sent:
 * it is compared with the key's tenant as is, so another spelling of it is another tenant.
 */
public record SubjectScopes(List<String> scopes, List<Scope.Segment> segments, String namedTenant) {
    /** ':' and '/' build scope paths, so subject values are limited to this (as the reference server does). */
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final int MAX_VALUE = 128;
    private static final int MAX_DIMENSIONS = 16;
    private static final int MAX_DIMENSION_VALUE = 256;

    /** Validates {@code subject} and derives its scopes; a subject with no standard level is a 400. */
    public static SubjectScopes of(Subject subject) {
        Check.required(subject, "subject");
        String[] values = {subject.tenant(), subject.workspace(), subject.app(), subject.workflow(), subject.agent(), subject.toolset()};
        List<String> scopes = new ArrayList<>(6);
        List<Scope.Segment> segments = new ArrayList<>(6);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            String kind = Scope.KINDS.get(i);
            if (v == null) {
                continue;
            }
            if (v.isBlank()) {
                throw ApiException.badRequest("Field 'subject." + kind + "' must not be blank");
            }
            if (v.length() > MAX_VALUE) {
                throw ApiException.badRequest("Field 'subject." + kind + "' must be at most " + MAX_VALUE + " characters");
            }
            if (!VALUE.matcher(v).matches()) {
                throw ApiException.badRequest("Field 'subject." + kind + "' may contain only letters, digits, '_', '.' and '-'");
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(kind).append(':').append(lower);
            scopes.add(path.toString());
            segments.add(new Scope.Segment(kind, lower));
        }
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("Field 'subject' must name at least one of tenant, workspace, app, workflow, agent, toolset");
        }
        Map<String, String> dims = subject.dimensions();
        if (dims != null) {
            Check.maxEntries(dims, MAX_DIMENSIONS, "subject.dimensions");
            for (Map.Entry<String, String> e : dims.entrySet()) {
                if (e.getKey().isEmpty() || e.getKey().length() > 64) {
                    throw ApiException.badRequest("Field 'subject.dimensions' keys must be 1-64 characters");
                }
                if (e.getValue() == null || e.getValue().length() > MAX_DIMENSION_VALUE) {
                    throw ApiException.badRequest("Field 'subject.dimensions." + e.getKey() + "' must be a string of at most "
                            + MAX_DIMENSION_VALUE + " characters");
                }
            }
        }
        return new SubjectScopes(List.copyOf(scopes), List.copyOf(segments), subject.tenant());
    }

    /** The deepest scope: the reservation's scope_path. */
    public String path() {
        return scopes.get(scopes.size() - 1);
    }

    /** The path as a Scope, for the key's scope_filter and policy patterns; null when it does not start at a tenant. */
    public Scope scope() {
        return segments.get(0).kind().equals("tenant") ? new Scope(path(), segments) : null;
    }

    /**
     * The subject's tenant as sent, if it names one (validation only: the key decides the tenant).
     * Not the lower-cased scope segment: the protocol compares it exactly.
     */
    public String tenant() {
        return namedTenant;
    }

    public static void checkAction(Action action) {
        Check.required(action, "action");
        Check.required(action.kind(), "action.kind");
        Check.required(action.name(), "action.name");
        if (action.kind().isBlank() || action.name().isBlank()) {
            throw ApiException.badRequest("Fields 'action.kind' and 'action.name' must not be blank");
        }
        Check.maxLength(action.kind(), 64, "action.kind");
        Check.maxLength(action.name(), 256, "action.name");
        if (action.tags() != null) {
            Check.strings(action.tags(), 10, 64, "action.tags");
        }
    }

    public static void checkIdempotencyKey(String bodyKey, String headerKey) {
        Check.required(bodyKey, "idempotency_key");
        if (bodyKey.isEmpty() || bodyKey.length() > 256) {
            throw ApiException.badRequest("Field 'idempotency_key' must be 1-256 characters");
        }
        if (headerKey != null && !headerKey.equals(bodyKey)) {
            throw ApiException.badRequest("X-Idempotency-Key header and body idempotency_key differ");
        }
    }

    /** A required Amount sent as {unit, amount} (a bare number is refused) with a non-negative amount. */
    public static Amount amount(Amount a, String field) {
        Check.required(a, field);
        if (a.unit() == null) {
            throw ApiException.badRequest("Field '" + field + "' must be an object with 'unit' and 'amount'");
        }
        if (a.amount() == null) {
            throw ApiException.badRequest("Field '" + field + ".amount' is required");
        }
        if (a.amount() < 0) {
            throw ApiException.badRequest("Field '" + field + ".amount' must not be negative");
        }
        return a;
    }
}
