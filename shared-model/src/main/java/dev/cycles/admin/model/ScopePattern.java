package dev.cycles.admin.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.time.Instant;

/**
 * A policy's {@code scope_pattern}: a budget scope (see {@link Scope}) in which
 * <ul>
 *   <li>the id of the LAST segment may be {@code *} ({@code tenant:acme/agent:*}: any agent
 *       directly at that position), or</li>
 *   <li>a bare {@code *} may follow as a final segment ({@code tenant:acme/*}: every scope strictly
 *       beneath the fixed part, at any depth).</li>
 * </ul>
 * The first segment is always a concrete {@code tenant:<id>}; kinds keep the canonical order and
 * appear at most once; ids are lower-cased like scopes. No other wildcard form exists
 * ({@code **}, {@code a*}, {@code *}-only, or a wildcard before the last segment are invalid).
 *
 * <p>Matching is positional: segment i of the pattern matches segment i of the scope (same kind,
 * same id, or any id for a trailing {@code kind:*}). Without a trailing {@code /*} the scope must
 * have exactly as many segments as the pattern; with it, the scope must have more.
 */
public record ScopePattern(String canonical, List<Scope.Segment> segments, boolean descendants) {
    public static final String ANY = "*";

    /** Thrown for a pattern that breaks the grammar; the message says which rule. */
    public static final class InvalidPatternException extends IllegalArgumentException {
        public InvalidPatternException(String message) {
            super(message);
        }
    }

    public static ScopePattern parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPatternException("scope_pattern is required");
        }
        if (raw.length() > 1024) {
            throw new InvalidPatternException("scope_pattern is longer than 1024 characters");
        }
        String[] parts = raw.split("/", -1);
        boolean descendants = parts.length > 1 && parts[parts.length - 1].equals(ANY);
        int fixedCount = descendants ? parts.length - 1 : parts.length;
        if (!parts[0].startsWith("tenant:")) {
            throw new InvalidPatternException(parts[0].contains("*")
                    ? "scope_pattern must start with a concrete 'tenant:<id>' before any wildcard"
                    : "scope_pattern must start with 'tenant:<id>'");
        }
        List<Scope.Segment> segments = new ArrayList<>(fixedCount);
        StringBuilder concrete = new StringBuilder();
        boolean lastAny = false;
        for (int i = 0; i < fixedCount; i++) {
            String part = parts[i];
            int colon = part.indexOf(':');
            if (part.isEmpty() || colon <= 0 || colon == part.length() - 1) {
                throw new InvalidPatternException("scope_pattern segment '" + part + "' must be of the form '<kind>:<id>' (or a final '*')");
            }
            String kind = part.substring(0, colon);
            String id = part.substring(colon + 1);
            if (id.equals(ANY)) {
                if (i == 0) {
                    throw new InvalidPatternException("scope_pattern must name its tenant: 'tenant:*' is not allowed");
                }
                if (i != parts.length - 1) {
                    throw new InvalidPatternException("'" + part + "' may only be the last segment of a scope_pattern");
                }
                lastAny = true;
                // Validate the kind and its order with a placeholder id.
                id = "x";
            } else if (id.contains("*")) {
                throw new InvalidPatternException("scope_pattern segment '" + part + "': '*' must be the whole id");
            }
            if (concrete.length() > 0) {
                concrete.append('/');
            }
            concrete.append(kind).append(':').append(id);
        }
        Scope shape;
        try {
            shape = Scope.parse(concrete.toString());
        } catch (Scope.InvalidScopeException e) {
            throw new InvalidPatternException(e.getMessage().replaceFirst("^scope", "scope_pattern"));
        }
        segments.addAll(shape.segments());
        if (lastAny) {
            Scope.Segment last = segments.remove(segments.size() - 1);
            segments.add(new Scope.Segment(last.kind(), ANY));
        }
        StringBuilder canonical = new StringBuilder();
        for (Scope.Segment s : segments) {
            if (canonical.length() > 0) {
                canonical.append('/');
            }
            canonical.append(s);
        }
        if (descendants) {
            canonical.append("/*");
        }
        return new ScopePattern(canonical.toString(), List.copyOf(segments), descendants);
    }

    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidPatternException e) {
            return false;
        }
    }

    public String tenantId() {
        return segments.get(0).id();
    }

    /** Does this pattern match {@code scope}? */
    public boolean matches(Scope scope) {
        List<Scope.Segment> s = scope.segments();
        if (descendants ? s.size() <= segments.size() : s.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Scope.Segment p = segments.get(i);
            Scope.Segment x = s.get(i);
            if (!p.kind().equals(x.kind()) || !(p.id().equals(ANY) || p.id().equals(x.id()))) {
                return false;
            }
        }
        return true;
    }

    /** Does the pattern text match the scope text? Both are parsed (and so validated) first. */
    public static boolean matches(String pattern, String scope) {
        return parse(pattern).matches(Scope.parse(scope));
    }

    /** Evaluation order of policies: higher priority first, then older first, then by id. */
    public static final Comparator<Policy> PRIORITY_ORDER = Comparator
            .comparing((Policy p) -> p.priority() == null ? 0 : p.priority(), Comparator.reverseOrder())
            .thenComparing(Policy::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Policy::policyId, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * The policies that apply to {@code scope} at {@code at}: in force (ACTIVE and inside their
     * effective window) and with a matching pattern, in evaluation order. The first one wins.
     * Policies whose stored pattern no longer parses are skipped.
     */
    public static List<Policy> applicable(Collection<Policy> policies, Scope scope, Instant at) {
        List<Policy> out = new ArrayList<>();
        for (Policy p : policies) {
            if (p.inForceAt(at) && isValid(p.scopePattern()) && parse(p.scopePattern()).matches(scope)) {
                out.add(p);
            }
        }
        out.sort(PRIORITY_ORDER);
        return out;
    }

    @Override
    public String toString() {
        return canonical;
    }
}
