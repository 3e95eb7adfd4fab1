package dev.cycles.admin.server.health;

import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.RawReply;
import dev.cycles.admin.server.metrics.Metrics;

/**
 * GET /metrics (admin key): the server's metrics for Prometheus, in its text format, or in
 * OpenMetrics when the scraper's Accept header asks for that.
 */
public final class MetricsHandler {
    private final Metrics metrics;

    public MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    public RawReply scrape(Call call) {
        Metrics.Scrape s = metrics.scrape(call.header("Accept"));
        return new RawReply(200, s.contentType(), s.body(), false);
    }
}
