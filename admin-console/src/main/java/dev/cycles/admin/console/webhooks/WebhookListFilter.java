package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Webhooks list's local filters, over the rows the server returned: the URL filter when it
 * has a {@code *} wildcard (the server's search is a plain substring of URL or ID, so a wildcard
 * pattern is matched here instead, over URL, name and ID), "failing only" (failures in a row > 0;
 * the server has no such filter) and "show disabled" (DISABLED rows are hidden unless asked for or
 * the status filter names DISABLED).
 */
public record WebhookListFilter(String search, boolean failingOnly, boolean showDisabled, WebhookStatus status) {

    /** True when the URL filter is a wildcard pattern, matched here and not sent to the server. */
    public static boolean isWildcard(String search) {
        return search != null && search.contains("*");
    }

    /**
     * A glob as a case-insensitive regex over the whole text: {@code *} matches anything
     * (including nothing), every other character stands for itself.
     */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.trim().split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            re.append(i == 0 ? "" : ".*").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    static boolean failing(WebhookSubscription w) {
        return w.consecutiveFailures() != null && w.consecutiveFailures() > 0;
    }

    /** The rows the table shows. */
    public Predicate<WebhookSubscription> predicate() {
        Pattern p = isWildcard(search) ? glob(search) : null;
        boolean disabledShown = showDisabled || status == WebhookStatus.DISABLED;
        return w -> (p == null || matches(p, w.url()) || matches(p, w.name()) || matches(p, w.subscriptionId()))
                && (!failingOnly || failing(w))
                && (disabledShown || w.status() != WebhookStatus.DISABLED);
    }

    private static boolean matches(Pattern p, String s) {
        return s != null && p.matcher(s).matches();
    }

    /** The local filters in words, for the bulk dialog's refusal: "" when none applies. */
    public String localOnly() {
        StringBuilder b = new StringBuilder();
        if (isWildcard(search)) {
            b.append("the wildcard URL filter '").append(search.trim()).append("'");
        }
        if (failingOnly) {
            b.append(b.length() > 0 ? " and " : "").append("Failing only");
        }
        return b.toString();
    }
}
