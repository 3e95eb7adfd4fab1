package dev.cycles.admin.server.audit;

import dev.cycles.admin.model.Scope;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.ResourceType;

import java.util.regex.Pattern;

/**
 * Which text may be filed as an audit row's resource: only a well-formed id of the resource's
 * kind. Anything else a client typed (15,000 x's, a pasted secret, a scope that does not parse)
 * is left out, so it can neither bloat the indexed column nor appear in a resource's activity.
 */
public final class ResourceIds {
    private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-f]{16,32}");
    private static final Pattern POLICY_ID = Pattern.compile("pol_[0-9a-f]{32}");
    private static final Pattern WEBHOOK_ID = Pattern.compile("whsub_[0-9a-f]{32}");
    private static final Pattern RESERVATION_ID = Pattern.compile("rsv_[0-9a-f]{32}");
    private static final int MAX_SCOPE_LENGTH = 512;

    private ResourceIds() {
    }

    /** {@code id} when it is a valid id of {@code resourceType}, else null. */
    public static String validOrNull(ResourceType resourceType, String id) {
        if (id == null || resourceType == null) {
            return null;
        }
        boolean valid = switch (resourceType) {
            case TENANT -> Check.TENANT_ID.matcher(id).matches();
            case API_KEY -> KEY_ID.matcher(id).matches();
            case POLICY -> POLICY_ID.matcher(id).matches();
            case WEBHOOK -> WEBHOOK_ID.matcher(id).matches();
            case RESERVATION -> RESERVATION_ID.matcher(id).matches();
            case CONFIG -> id.equals("webhook-security");
            case BUDGET -> id.length() <= MAX_SCOPE_LENGTH && Scope.isValid(id);
            default -> false;
        };
        if (!valid) {
            return null;
        }
        return resourceType == ResourceType.BUDGET ? Scope.parse(id).canonical() : id;
    }

    /** The tenant a valid id belongs to when the id itself says so (a tenant, a budget scope), else null. */
    public static String owningTenant(ResourceType resourceType, String validId) {
        if (validId == null) {
            return null;
        }
        if (resourceType == ResourceType.TENANT) {
            return validId;
        }
        if (resourceType == ResourceType.BUDGET && validId.startsWith("tenant:")) {
            int slash = validId.indexOf('/');
            String owner = validId.substring("tenant:".length(), slash < 0 ? validId.length() : slash);
            return Check.TENANT_ID.matcher(owner).matches() ? owner : null;
        }
        return null;
    }
}
