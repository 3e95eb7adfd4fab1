package dev.cycles.admin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An API key's {@code scope_filter}: the scopes the key may read and write. An empty or absent
 * filter allows every scope of the key's tenant. Each entry is one of:
 * <ul>
 *   <li>a single segment {@code kind:id} — allows every scope that has that segment anywhere
 *       ({@code workspace:eng}, {@code tenant:acme}: the whole tenant);</li>
 *   <li>a single segment {@code kind:*} — allows every scope that has a segment of that kind
 *       ({@code agent:*}); {@code tenant:*} is refused (it names no tenant: send no filter);</li>
 *   <li>a path, which is a {@link ScopePattern} rooted at the key's own tenant and matched exactly
 *       as policies are: {@code tenant:acme/*} (every scope strictly beneath the tenant),
 *       {@code tenant:acme/workspace:eng/*}, {@code tenant:acme/workspace:*} (any workspace, no
 *       deeper), {@code tenant:acme/workspace:eng} (that scope only).</li>
 * </ul>
 * A scope is allowed when some entry allows it. A scope PATTERN (a policy's) is allowed only when
 * one entry allows every scope the pattern can match; a pattern whose matches are covered only by
 * several entries together is refused (conservative).
 */
public final class ScopeFilter {
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_ENTRY_LENGTH = 512;

    /** One entry; {@code pattern} is set for path entries, {@code kind}/{@code id} for segment entries. */
    public record Entry(String text, String kind, String id, ScopePattern pattern) {
        public boolean isSegment() {
            return pattern == null;
        }
    }

    /** Thrown for an entry that breaks the grammar; the message says which rule. */
    public static final class InvalidFilterException extends IllegalArgumentException {
        public InvalidFilterException(String message) {
            super(message);
        }
    }

    private final List<Entry> entries;

    private ScopeFilter(List<Entry> entries) {
        this.entries = entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isUnrestricted() {
        return entries.isEmpty();
    }

    /** Parses and validates entries for a key of {@code tenantId} (null: do not check the tenant). */
    public static ScopeFilter parse(List<String> raw, String tenantId) {
        if (raw == null || raw.isEmpty()) {
            return new ScopeFilter(List.of());
        }
        if (raw.size() > MAX_ENTRIES) {
            throw new InvalidFilterException("scope_filter may hold at most " + MAX_ENTRIES + " entries");
        }
        List<Entry> out = new ArrayList<>(raw.size());
        for (String e : raw) {
            out.add(parseEntry(e, tenantId));
        }
        return new ScopeFilter(List.copyOf(out));
    }

    /**
     * The filter of a stored key. Entries that no longer parse (written by an older server) are
     * kept out, which narrows the key rather than widening it; a filter left with no valid entry
     * allows nothing.
     */
    public static ScopeFilter stored(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return new ScopeFilter(List.of());
        }
        List<Entry> out = new ArrayList<>();
        for (String e : raw) {
            try {
                out.add(parseEntry(e, null));
            } catch (InvalidFilterException ignored) {
                // an unreadable entry grants nothing
            }
        }
        return out.isEmpty() ? new ScopeFilter(List.of(new Entry("", "", "", null))) : new ScopeFilter(List.copyOf(out));
    }

    /** The canonical spelling of each entry (lower-cased ids), as stored and returned. */
    public List<String> canonical() {
        return entries.stream().map(Entry::text).toList();
    }

    private static Entry parseEntry(String e, String tenantId) {
        if (e == null || e.isBlank()) {
            throw new InvalidFilterException("scope_filter entries must not be empty");
        }
        if (e.length() > MAX_ENTRY_LENGTH) {
            throw new InvalidFilterException("scope_filter entries must be at most " + MAX_ENTRY_LENGTH + " characters");
        }
        if (e.contains("/")) {
            ScopePattern p;
            try {
                p = ScopePattern.parse(e);
            } catch (ScopePattern.InvalidPatternException x) {
                throw new InvalidFilterException("scope_filter entry '" + e + "': "
                        + x.getMessage().replaceFirst("^scope_pattern", "a path entry"));
            }
            if (tenantId != null && !p.tenantId().equals(tenantId)) {
                throw new InvalidFilterException("scope_filter entry '" + e + "' names tenant '" + p.tenantId()
                        + "' but the key belongs to '" + tenantId + "'");
            }
            return new Entry(p.canonical(), null, null, p);
        }
        int colon = e.indexOf(':');
        String kind = colon > 0 ? e.substring(0, colon) : "";
        String id = colon > 0 ? e.substring(colon + 1) : "";
        boolean ok = Scope.KINDS.contains(kind) && (id.equals("*") || Scope.isValidId(id));
        if (!ok) {
            throw new InvalidFilterException("scope_filter entry '" + e + "' must be '<kind>:<id>', '<kind>:*' or a scope"
                    + " pattern such as 'tenant:<id>/*', with kind one of " + Scope.KINDS);
        }
        if (kind.equals("tenant")) {
            if (id.equals("*")) {
                throw new InvalidFilterException("scope_filter entry 'tenant:*' names no tenant; omit scope_filter to allow the whole tenant");
            }
            if (tenantId != null && !id.toLowerCase(Locale.ROOT).equals(tenantId)) {
                throw new InvalidFilterException("scope_filter entry '" + e + "' names another tenant than the key's '" + tenantId + "'");
            }
        }
        String lower = id.equals("*") ? "*" : id.toLowerCase(Locale.ROOT);
        return new Entry(kind + ":" + lower, kind, lower, null);
    }

    /** Whether the filter allows the concrete scope. */
    public boolean allows(Scope scope) {
        return allows(new ScopePattern(scope.canonical(), scope.segments(), false));
    }

    /** Whether the filter allows every scope {@code pattern} can match (one entry must cover them all). */
    public boolean allows(ScopePattern pattern) {
        if (entries.isEmpty()) {
            return true;
        }
        for (Entry e : entries) {
            if (covers(e, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Does entry {@code e} allow every scope matched by {@code p}? (A concrete scope is a pattern without wildcards.) */
    static boolean covers(Entry e, ScopePattern p) {
        List<Scope.Segment> ps = p.segments();
        if (e.isSegment()) {
            // Only the pattern's fixed segments are certain to be in every match; a trailing kind:*
            // fixes the kind but not the id; the segments under a '/*' are unknown.
            for (Scope.Segment s : ps) {
                if (s.kind().equals(e.kind()) && (e.id().equals("*") || !s.id().equals(ScopePattern.ANY) && s.id().equals(e.id()))) {
                    return true;
                }
            }
            return false;
        }
        ScopePattern f = e.pattern();
        List<Scope.Segment> fs = f.segments();
        if (f.descendants()) {
            // f's fixed part is concrete; every match of p must lie strictly beneath it.
            if (ps.size() < fs.size() || !p.descendants() && ps.size() == fs.size()) {
                return false;
            }
            return fs.equals(ps.subList(0, fs.size()));
        }
        if (p.descendants() || ps.size() != fs.size()) {
            return false;
        }
        for (int i = 0; i < fs.size(); i++) {
            Scope.Segment a = fs.get(i);
            Scope.Segment b = ps.get(i);
            if (!a.kind().equals(b.kind())) {
                return false;
            }
            if (!a.id().equals(ScopePattern.ANY) && !a.id().equals(b.id())) {
                return false;
            }
        }
        return true;
    }
}
