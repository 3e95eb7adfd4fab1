package dev.cycles.admin.model;

import java.util.regex.Pattern;

/** The tenant id grammar: 3 to 64 lowercase letters, digits and '-' (the spec's pattern), for server and console alike. */
public final class TenantId {
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9-]{3,64}");
    public static final String RULE = "3-64 characters of lowercase letters, digits and '-'";

    private TenantId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
