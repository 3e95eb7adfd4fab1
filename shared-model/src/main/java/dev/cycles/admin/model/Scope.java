package dev.cycles.admin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A budget scope: {@code /}-joined {@code kind:id} segments rooted at {@code tenant:<id>}, with the
 * kinds in canonical order (tenant, workspace, app, workflow, agent, toolset), each at most once.
 * Ids are lower-cased, as the runtime server lower-cases the subjects it matches against.
 */
public record Scope(String canonical, List<Segment> segments) {

    public static final List<String> KINDS = List.of("tenant", "workspace", "app", "workflow", "agent", "toolset");
    public static final int MAX_ID_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9._-]*[a-z0-9])?");

    public record Segment(String kind, String id) {
        @Override
        public String toString() {
            return kind + ":" + id;
        }
    }

    /** Thrown for a scope that breaks the grammar; the message says which rule. */
    public static final class InvalidScopeException extends IllegalArgumentException {
        public InvalidScopeException(String message) {
            super(message);
        }
    }

    public static Scope parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidScopeException("scope is required");
        }
        if (raw.length() > 1024) {
            throw new InvalidScopeException("scope is longer than 1024 characters");
        }
        String[] parts = raw.split("/", -1);
        List<Segment> segments = new ArrayList<>(parts.length);
        int lastKind = -1;
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new InvalidScopeException("scope has an empty segment (leading, trailing or consecutive '/')");
            }
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new InvalidScopeException("scope segment '" + part + "' must be of the form '<kind>:<id>'");
            }
            String kind = part.substring(0, colon);
            String id = part.substring(colon + 1);
            int kindIndex = KINDS.indexOf(kind);
            if (kindIndex < 0) {
                throw new InvalidScopeException("scope segment '" + part + "' has unknown kind '" + kind
                        + "'; allowed kinds, in order: " + String.join(", ", KINDS));
            }
            if (id.contains("*")) {
                throw new InvalidScopeException("wildcards are not allowed in budget scopes (segment '" + part + "')");
            }
            if (segments.isEmpty() && kindIndex != 0) {
                throw new InvalidScopeException("scope must start with 'tenant:<id>'");
            }
            if (kindIndex <= lastKind) {
                throw new InvalidScopeException("scope segment '" + part + "' is out of order or repeated; kinds go "
                        + String.join(" > ", KINDS));
            }
            String lower = id.toLowerCase(Locale.ROOT);
            if (lower.length() > MAX_ID_LENGTH) {
                throw new InvalidScopeException("scope segment '" + part + "' id is longer than " + MAX_ID_LENGTH + " characters");
            }
            if (!ID.matcher(lower).matches()) {
                throw new InvalidScopeException("scope segment '" + part
                        + "' id may contain only letters, digits, '.', '_' and '-', and must start and end with a letter or digit");
            }
            segments.add(new Segment(kind, lower));
            lastKind = kindIndex;
        }
        StringBuilder canonical = new StringBuilder();
        for (Segment s : segments) {
            if (canonical.length() > 0) {
                canonical.append('/');
            }
            canonical.append(s);
        }
        return new Scope(canonical.toString(), List.copyOf(segments));
    }

    /** Whether the text parses; for forms that validate as the user types. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidScopeException e) {
            return false;
        }
    }

    /** Whether {@code id} may stand after "kind:" in a scope (case-insensitive). */
    public static boolean isValidId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.length() <= MAX_ID_LENGTH && ID.matcher(lower).matches();
    }

    public String tenantId() {
        return segments.get(0).id();
    }

    /** True when this scope is {@code prefix} itself or lies beneath it (segment-aware). */
    public static boolean isWithin(String scope, String prefix) {
        return scope.equals(prefix) || scope.startsWith(prefix + "/");
    }

    /** Whether an API key's scope_filter allows this scope; the rule is {@link ScopeFilter}. */
    public boolean allowedBy(List<String> scopeFilter) {
        return ScopeFilter.stored(scopeFilter).allows(this);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
