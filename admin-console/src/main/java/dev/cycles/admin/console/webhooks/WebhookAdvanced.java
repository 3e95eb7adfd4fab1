package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookThresholdConfig;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rarely changed part of a subscription: when it is disabled, how failed deliveries are
 * retried, and the alerting thresholds. Text fields, read with the server's ranges
 * (WebhookRequestRules), so a bad value is named here before the server refuses it.
 */
final class WebhookAdvanced {
    final StringProperty disableAfter = new SimpleStringProperty("");
    final StringProperty maxRetries = new SimpleStringProperty("");
    final StringProperty initialDelayMs = new SimpleStringProperty("");
    final StringProperty backoff = new SimpleStringProperty("");
    final StringProperty maxDelayMs = new SimpleStringProperty("");
    final StringProperty utilization = new SimpleStringProperty("");
    final StringProperty burnMultiplier = new SimpleStringProperty("");
    final StringProperty burnWindow = new SimpleStringProperty("");
    final StringProperty denialRate = new SimpleStringProperty("");
    final StringProperty expiryRate = new SimpleStringProperty("");
    final StringProperty authFailureRate = new SimpleStringProperty("");
    final StringProperty rateWindow = new SimpleStringProperty("");

    Observable[] all() {
        return new Observable[] {disableAfter, maxRetries, initialDelayMs, backoff, maxDelayMs, utilization, burnMultiplier,
                burnWindow, denialRate, expiryRate, authFailureRate, rateWindow};
    }

    /** The server's defaults for a new subscription, so the operator sees what "nothing typed" means. */
    void defaults() {
        disableAfter.set("10");
        fillRetry(WebhookRetryPolicy.DEFAULTS);
    }

    void fill(WebhookSubscription s) {
        disableAfter.set(s.disableAfterFailures() == null ? "" : s.disableAfterFailures().toString());
        fillRetry(s.retryPolicy() == null ? WebhookRetryPolicy.DEFAULTS : s.retryPolicy().withDefaults());
        WebhookThresholdConfig t = s.thresholds();
        if (t != null) {
            utilization.set(t.budgetUtilization() == null ? "" : t.budgetUtilization().stream().map(WebhookAdvanced::plain)
                    .collect(Collectors.joining(", ")));
            burnMultiplier.set(text(t.burnRateMultiplier()));
            burnWindow.set(text(t.burnRateWindowSeconds()));
            denialRate.set(text(t.denialRateThreshold()));
            expiryRate.set(text(t.expiryRateThreshold()));
            authFailureRate.set(text(t.authFailureRateThreshold()));
            rateWindow.set(text(t.rateWindowSeconds()));
        }
    }

    private void fillRetry(WebhookRetryPolicy p) {
        maxRetries.set(text(p.maxRetries()));
        initialDelayMs.set(text(p.initialDelayMs()));
        backoff.set(text(p.backoffMultiplier()));
        maxDelayMs.set(text(p.maxDelayMs()));
    }

    /** What is wrong ("" when every field reads and is in range). */
    String problem() {
        try {
            disableAfterFailures();
            retryPolicy();
            thresholds();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    Long disableAfterFailures() {
        return whole(disableAfter, "Disable after failures", 1, 10_000);
    }

    WebhookRetryPolicy retryPolicy() {
        Long retries = whole(maxRetries, "Max retries", 0, 10);
        return new WebhookRetryPolicy(retries == null ? null : retries.intValue(), whole(initialDelayMs, "Initial delay", 100, 60_000),
                decimal(backoff, "Backoff multiplier", 1.0, 10.0), whole(maxDelayMs, "Max delay", 1000, 3_600_000));
    }

    /** Null when no threshold is set (the record is then left out of the request). */
    WebhookThresholdConfig thresholds() {
        List<Double> util = null;
        String u = utilization.get() == null ? "" : utilization.get().trim();
        if (!u.isEmpty()) {
            util = new ArrayList<>();
            for (String part : u.split("[,\\s]+")) {
                util.add(number(part, "Budget utilization", 0, 1));
            }
            if (util.size() > 20) {
                throw new IllegalArgumentException("Budget utilization: at most 20 thresholds");
            }
        }
        WebhookThresholdConfig t = new WebhookThresholdConfig(util, decimal(burnMultiplier, "Burn rate multiplier", 1.5, 1e6),
                whole(burnWindow, "Burn rate window", 60, 86_400), decimal(denialRate, "Denial rate", 0, 1),
                decimal(expiryRate, "Expiry rate", 0, 1), decimal(authFailureRate, "Auth failure rate", 0, 1),
                whole(rateWindow, "Rate window", 60, 86_400));
        return t.equals(new WebhookThresholdConfig(null, null, null, null, null, null, null)) ? null : t;
    }

    static Long whole(StringProperty p, String what, long min, long max) {
        String v = p.get() == null ? "" : p.get().trim();
        if (v.isEmpty()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max);
        }
        return n;
    }

    static Double decimal(StringProperty p, String what, double min, double max) {
        String v = p.get() == null ? "" : p.get().trim();
        return v.isEmpty() ? null : number(v, what, min, max);
    }

    private static double number(String v, String what, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + v + "' is not a number");
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw new IllegalArgumentException(what + " must be between " + plain(min) + " and " + plain(max) + " (now " + v + ")");
        }
        return d;
    }

    private static String text(Object o) {
        return o == null ? "" : o instanceof Double d ? plain(d) : o.toString();
    }

    /** 2.0 as "2", 0.95 as "0.95". */
    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
