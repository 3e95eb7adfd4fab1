package dev.cycles.admin.server.audit;

import dev.cycles.admin.model.Scope;
import dev.cycles.admin.server.Check;

import java.util.regex.Pattern;

/**
 * Which text may be filed as an audit row's resource: only a well-formed id of the resource's
 * kind. Anything else a client typed (15,000 x's, a pasted secret, a scope that does not parse)
 * is left out, so it can neither bloat the indexed column nor appear in a resource's activity.
 */
public final class ResourceIds {
    private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-f]{16,32}");
    private static final Pattern POLICY_ID = Pattern.compile("pol_[0-9a-f]{32}");
    private static final int MAX_SCOPE_LENGTH = 512;

    private ResourceIds() {
    }

    /** {@code id} when it is a valid id of {@code resourceType}, else null. */
    public static String validOrNull(String resourceType, String id) {
        if (id == null || resourceType == null) {
            return null;
        }
        boolean valid = switch (resourceType) {
            case "tenant" -> Check.TENANT_ID.matcher(id).matches();
            case "api_key" -> KEY_ID.matcher(id).matches();
            case "policy" -> POLICY_ID.matcher(id).matches();
            case "budget" -> id.length() <= MAX_SCOPE_LENGTH && Scope.isValid(id);
            default -> false;
        };
        if (!valid) {
            return null;
        }
        return resourceType.equals("budget") ? Scope.parse(id).canonical() : id;
    }
}
