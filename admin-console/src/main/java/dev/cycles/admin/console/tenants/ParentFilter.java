package dev.cycles.admin.console.tenants;

import dev.cycles.admin.model.Tenant;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The Tenants list's parent filter: any parent, root tenants only (no parent), or the children of
 * one tenant. Children are asked of the server (parent_tenant_id); root-only has no server filter,
 * so it applies to the loaded rows, and a filter-wide bulk action is not offered for it (the bulk
 * filter cannot say "no parent" and would reach every tenant).
 */
public final class ParentFilter {
    /** What the box shows for "no parent". */
    public static final String ROOT = "Root only";

    private ParentFilter() {
    }

    /** The parent id the server filters by, or null (any parent, or root-only). */
    public static String parentId(String choice) {
        String c = choice == null ? "" : choice.trim();
        int dash = c.indexOf(" — ");
        if (dash > 0) {
            c = c.substring(0, dash); // "id — name" from the picker
        }
        return c.isEmpty() || c.equals(ROOT) ? null : c;
    }

    public static boolean rootOnly(String choice) {
        return ROOT.equals(choice == null ? "" : choice.trim());
    }

    public static Predicate<Tenant> predicate(String choice) {
        String id = parentId(choice);
        if (rootOnly(choice)) {
            return t -> t.parentTenantId() == null || t.parentTenantId().isBlank();
        }
        return id == null ? t -> true : t -> id.equals(t.parentTenantId());
    }

    public static void addTo(Map<String, String> query, String choice) {
        String id = parentId(choice);
        if (id != null) {
            query.put("parent_tenant_id", id);
        }
    }
}
