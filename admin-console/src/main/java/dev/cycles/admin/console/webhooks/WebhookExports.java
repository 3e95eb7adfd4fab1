package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookSubscription;

import java.util.List;
import java.util.function.Predicate;

/**
 * The CSV columns of the two webhook lists. Subscriptions carry header names only (the server
 * masks the values and never returns the signing secret); deliveries carry every field the
 * server keeps, trace id included, as the reference dashboard's 13-column export does.
 */
final class WebhookExports {
    private WebhookExports() {
    }

    static Export.Spec<WebhookSubscription> subscriptions(Export.Pager<WebhookSubscription> pager, Predicate<WebhookSubscription> keep) {
        return new Export.Spec<>("webhooks", pager, keep, List.of(
                new Export.Column<>("subscription_id", WebhookSubscription::subscriptionId),
                new Export.Column<>("tenant_id", WebhookSubscription::tenantId),
                new Export.Column<>("name", WebhookSubscription::name),
                new Export.Column<>("url", WebhookSubscription::url),
                new Export.Column<>("status", WebhookSubscription::status),
                new Export.Column<>("event_types", w -> join(w.eventTypes())),
                new Export.Column<>("event_categories", w -> join(w.eventCategories())),
                new Export.Column<>("scope_filter", WebhookSubscription::scopeFilter),
                new Export.Column<>("consecutive_failures", WebhookSubscription::consecutiveFailures),
                new Export.Column<>("disable_after_failures", WebhookSubscription::disableAfterFailures),
                new Export.Column<>("header_names", w -> w.headers() == null ? null : String.join(";", w.headers().keySet())),
                new Export.Column<>("last_success_at", WebhookSubscription::lastSuccessAt),
                new Export.Column<>("last_failure_at", WebhookSubscription::lastFailureAt),
                new Export.Column<>("created_at", WebhookSubscription::createdAt),
                new Export.Column<>("updated_at", WebhookSubscription::updatedAt)));
    }

    static Export.Spec<WebhookDelivery> deliveries(String subscriptionId, Export.Pager<WebhookDelivery> pager, Predicate<WebhookDelivery> keep) {
        return new Export.Spec<>("webhook-deliveries-" + subscriptionId, pager, keep, List.of(
                new Export.Column<>("delivery_id", WebhookDelivery::deliveryId),
                new Export.Column<>("subscription_id", WebhookDelivery::subscriptionId),
                new Export.Column<>("event_id", WebhookDelivery::eventId),
                new Export.Column<>("event_type", WebhookDelivery::eventType),
                new Export.Column<>("status", WebhookDelivery::status),
                new Export.Column<>("attempts", WebhookDelivery::attempts),
                new Export.Column<>("response_status", WebhookDelivery::responseStatus),
                new Export.Column<>("response_time_ms", WebhookDelivery::responseTimeMs),
                new Export.Column<>("error_message", WebhookDelivery::errorMessage),
                new Export.Column<>("attempted_at", WebhookDelivery::attemptedAt),
                new Export.Column<>("completed_at", WebhookDelivery::completedAt),
                new Export.Column<>("next_retry_at", WebhookDelivery::nextRetryAt),
                new Export.Column<>("trace_id", WebhookDelivery::traceId)));
    }

    private static String join(List<String> l) {
        return l == null || l.isEmpty() ? null : String.join(";", l);
    }
}
