package dev.cycles.admin.server.db;

import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.ScopeFilter;
import dev.cycles.admin.model.ScopePattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scope-path conditions in SQL, for any column that holds a canonical scope path (budgets.scope,
 * reservations.scope_path). Paths are stored lower-cased, so lower-casing what the client sent is
 * all the case-insensitivity needed.
 */
public final class ScopeSql {
    private ScopeSql() {
    }

    /**
     * Rows whose path has the whole segment {@code kind:value} somewhere ({@code workspace:eng}
     * matches {@code tenant:a/workspace:eng/agent:x} but not {@code workspace:engineering}). A value
     * holding '/' can name no segment, so it matches nothing rather than two segments.
     */
    public static Where segment(Where w, String column, String kind, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.indexOf('/') >= 0) {
            return w.and("1 = 0");
        }
        return w.and("('/' || " + column + " || '/') LIKE ? ESCAPE '\\'", "%/" + likeEscape(kind + ":" + lower) + "/%");
    }

    /** A key's scope_filter: the same rule as shared-model {@link ScopeFilter#allows(Scope)}, entry by entry. */
    public static Where allowedBy(Where w, String column, List<String> stored) {
        if (stored == null || stored.isEmpty()) {
            return w;
        }
        List<String> ors = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (ScopeFilter.Entry entry : ScopeFilter.stored(stored).entries()) {
            if (entry.isSegment()) {
                if (entry.kind().isEmpty()) {
                    ors.add("1 = 0");
                } else if (entry.id().equals(ScopePattern.ANY)) {
                    String kind = likeEscape(entry.kind() + ":");
                    ors.add(column + " LIKE ? ESCAPE '\\' OR " + column + " LIKE ? ESCAPE '\\'");
                    params.add(kind + "%");
                    params.add("%/" + kind + "%");
                } else {
                    String e = likeEscape(entry.text());
                    ors.add(column + " = ? OR " + column + " LIKE ? ESCAPE '\\' OR " + column + " LIKE ? ESCAPE '\\' OR "
                            + column + " LIKE ? ESCAPE '\\'");
                    params.add(entry.text());
                    params.add(e + "/%");
                    params.add("%/" + e);
                    params.add("%/" + e + "/%");
                }
                continue;
            }
            ScopePattern p = entry.pattern();
            List<Scope.Segment> segs = p.segments();
            Scope.Segment last = segs.get(segs.size() - 1);
            if (p.descendants()) {
                ors.add(column + " LIKE ? ESCAPE '\\'");
                params.add(likeEscape(join(segs)) + "/%");
            } else if (last.id().equals(ScopePattern.ANY)) {
                String prefix = likeEscape(join(segs.subList(0, segs.size() - 1)) + "/" + last.kind() + ":");
                ors.add("(" + column + " LIKE ? ESCAPE '\\' AND " + column + " NOT LIKE ? ESCAPE '\\')");
                params.add(prefix + "%");
                params.add(prefix + "%/%");
            } else {
                ors.add(column + " = ?");
                params.add(p.canonical());
            }
        }
        return w.and("(" + String.join(" OR ", ors) + ")", params.toArray());
    }

    /** {@code s} as a literal inside a LIKE pattern with ESCAPE '\'. */
    public static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String join(List<Scope.Segment> segments) {
        StringBuilder b = new StringBuilder();
        for (Scope.Segment s : segments) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(s.kind()).append(':').append(s.id());
        }
        return b.toString();
    }
}
