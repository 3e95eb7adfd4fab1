package dev.cycles.admin.console.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata field of the webhook form: a JSON object typed as text, read with the server's
 * limits (Check.metadata: entries, key length, size), so an unreadable or oversized one is named
 * in the form instead of coming back as a 400.
 */
final class WebhookMetadata {
    private WebhookMetadata() {
    }

    /** Pretty JSON of a stored map ("" for none). */
    static String text(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return "";
        }
        try {
            return AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return String.valueOf(m);
        }
    }

    /** The map the text holds (empty for blank text). Throws IllegalArgumentException with what is wrong. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Map.of();
        }
        JsonNode n;
        try {
            n = AdminClient.mapper().readTree(t);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            throw new IllegalArgumentException("Metadata is not valid JSON: " + (msg.length() > 120 ? msg.substring(0, 120) + "…" : msg)
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("Metadata must be a JSON object, like {\"team\": \"payments\"}");
        }
        Map<String, Object> m = AdminClient.mapper().convertValue(n, LinkedHashMap.class);
        if (m.size() > Limits.METADATA_ENTRIES) {
            throw new IllegalArgumentException("Metadata has " + m.size() + " entries; at most " + Limits.METADATA_ENTRIES);
        }
        for (String k : m.keySet()) {
            if (k.isEmpty() || k.length() > Limits.METADATA_KEY) {
                throw new IllegalArgumentException("Metadata keys are 1 to " + Limits.METADATA_KEY + " characters");
            }
        }
        int size;
        try {
            size = AdminClient.mapper().writeValueAsBytes(m).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Metadata cannot be written as JSON");
        }
        if (size > Limits.METADATA_BYTES) {
            throw new IllegalArgumentException("Metadata is " + size + " bytes as JSON; at most " + Limits.METADATA_BYTES);
        }
        return m;
    }
}
