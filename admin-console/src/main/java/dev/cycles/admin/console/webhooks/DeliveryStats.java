package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the loaded deliveries of one subscription add up to, as the stats row above the table
 * shows it: when the last delivery succeeded (with a traffic-light band), how many ended in each
 * status, how many tries they took, and the receiver's response times (nearest-rank p50 / p95 and
 * the max over the deliveries that carry one). Computed from the loaded page(s) only: the summary
 * says "loaded", and Load more changes the numbers.
 */
public record DeliveryStats(int total, Map<WebhookDeliveryStatus, Integer> outcomes, int[] attempts, int untried,
                            Instant lastSuccess, List<Long> responseTimes) {
    /** Attempt buckets: 1, 2, 3 and 4 or more tries. */
    public static final String[] ATTEMPT_BUCKETS = {"1", "2", "3", "4+"};

    public enum Band { OK, WARN, DANGER }

    /**
     * The stats of {@code rows}; {@code subscriptionLastSuccess} (the subscription's own
     * last_success_at) counts too, so an older success beyond the loaded page is not called "never".
     */
    public static DeliveryStats of(List<WebhookDelivery> rows, Instant subscriptionLastSuccess) {
        Map<WebhookDeliveryStatus, Integer> outcomes = new EnumMap<>(WebhookDeliveryStatus.class);
        for (WebhookDeliveryStatus s : WebhookDeliveryStatus.values()) {
            outcomes.put(s, 0);
        }
        int[] attempts = new int[ATTEMPT_BUCKETS.length];
        int untried = 0;
        Instant last = subscriptionLastSuccess;
        List<Long> times = new ArrayList<>();
        for (WebhookDelivery d : rows) {
            if (d.status() != null) {
                outcomes.merge(d.status(), 1, Integer::sum);
            }
            int n = d.attempts() == null ? 0 : d.attempts();
            if (n <= 0) {
                untried++;
            } else {
                attempts[Math.min(n, ATTEMPT_BUCKETS.length) - 1]++;
            }
            if (d.status() == WebhookDeliveryStatus.SUCCESS) {
                Instant at = d.completedAt() != null ? d.completedAt() : d.attemptedAt();
                if (at != null && (last == null || at.isAfter(last))) {
                    last = at;
                }
            }
            if (d.responseTimeMs() != null) {
                times.add(d.responseTimeMs());
            }
        }
        Collections.sort(times);
        return new DeliveryStats(rows.size(), outcomes, attempts, untried, last, List.copyOf(times));
    }

    /** Nearest-rank percentile of the response times (null when none carries one). */
    public Long percentile(double p) {
        if (responseTimes.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * responseTimes.size());
        return responseTimes.get(Math.max(1, Math.min(rank, responseTimes.size())) - 1);
    }

    public Long max() {
        return responseTimes.isEmpty() ? null : responseTimes.get(responseTimes.size() - 1);
    }

    /** Green under an hour ago, amber under a day, red from a day or never. */
    public Band band(Instant now) {
        if (lastSuccess == null) {
            return Band.DANGER;
        }
        Duration age = Duration.between(lastSuccess, now);
        return age.compareTo(Duration.ofHours(1)) < 0 ? Band.OK : age.compareTo(Duration.ofDays(1)) < 0 ? Band.WARN : Band.DANGER;
    }

    /** "last success 3 min ago" or "last success: never". */
    public String lastSuccessText(Instant now) {
        return lastSuccess == null ? "Last success: never" : "Last success " + ago(Duration.between(lastSuccess, now));
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    /** "Response p50 12 · p95 40 · max 51 ms", or that no delivery carries a time. */
    public String responseText() {
        if (responseTimes.isEmpty()) {
            return "Response time: no answers timed yet";
        }
        return "Response p50 " + percentile(50) + " · p95 " + percentile(95) + " · max " + max() + " ms";
    }

    /** "Tries 1:4 2:1 3:0 4+:2": how many deliveries took how many tries (a histogram in words, for tooltips and tests). */
    public String attemptsText() {
        StringBuilder b = new StringBuilder("Tries");
        for (int i = 0; i < ATTEMPT_BUCKETS.length; i++) {
            b.append(' ').append(ATTEMPT_BUCKETS[i]).append(':').append(attempts[i]);
        }
        if (untried > 0) {
            b.append(" · not tried yet:").append(untried);
        }
        return b.toString();
    }
}
