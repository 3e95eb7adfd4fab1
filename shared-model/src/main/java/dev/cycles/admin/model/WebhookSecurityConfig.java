package dev.cycles.admin.model;

import java.util.List;

/** Where webhook URLs may point: blocked CIDR ranges, optional URL globs, and whether plain http is allowed. */
public record WebhookSecurityConfig(List<String> blockedCidrRanges, List<String> allowedUrlPatterns, Boolean allowHttp) {
    public static final List<String> DEFAULT_BLOCKED = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "127.0.0.0/8", "169.254.0.0/16", "::1/128", "fc00::/7");
    public static final WebhookSecurityConfig DEFAULTS = new WebhookSecurityConfig(DEFAULT_BLOCKED, List.of(), false);
}
