package dev.cycles.admin.server.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics, kept behind this one class so features never see the library
 * (Micrometer with its Prometheus registry). One instance per server: tests run many servers in
 * one JVM, each with its own numbers. Features get small meters ({@link RouteMeter},
 * {@link ReservationMeter}, {@link DeliveryMeter}) resolved once, so recording is a counter
 * increment; gauges are read only when scraped.
 */
public final class Metrics implements AutoCloseable {
    /** The Prometheus text format, answered unless the scraper asks for OpenMetrics. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** Commit batches hold 1..64 writes (GroupCommitWriter.MAX_BATCH): one bucket per power of two. */
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ReservationMeter reservations = new ReservationMeter(registry);
    private final DeliveryMeter deliveries = new DeliveryMeter(registry);
    private final DistributionSummary commitBatches = DistributionSummary.builder("cycles.db.commit.batch.size")
            .description("Writes committed together in one transaction by the group-commit writer")
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The meter for one route of one plane; resolve it once, when the route is registered. */
    public RouteMeter route(String plane, String operation) {
        return new RouteMeter(registry, plane, operation);
    }

    public ReservationMeter reservations() {
        return reservations;
    }

    public DeliveryMeter deliveries() {
        return deliveries;
    }

    /** One commit of the group-commit writer, holding {@code writes} writes. */
    public void commitBatch(int writes) {
        commitBatches.record(writes);
    }

    /** Writes waiting for the writer thread, read at each scrape. */
    public void writerQueue(DoubleSupplier depth) {
        gauge("cycles.db.writer.queue.depth", "Writes waiting for the single writer thread", null, depth);
    }

    /** Webhook deliveries waiting to be sent (PENDING or RETRYING), read at each scrape. */
    public void deliveryQueue(DoubleSupplier depth) {
        gauge("cycles.webhook.queue.depth", "Webhook deliveries waiting for an attempt (PENDING or RETRYING)", null, depth);
    }

    /** The database's size on disk (main file and WAL), read at each scrape. */
    public void databaseSize(DoubleSupplier bytes) {
        gauge("cycles.db.size", "SQLite database size on disk: main file plus write-ahead log", "bytes", bytes);
    }

    private void gauge(String name, String description, String unit, DoubleSupplier value) {
        Gauge.builder(name, () -> {
                    try {
                        return value.getAsDouble();
                    } catch (RuntimeException e) {
                        // A scrape while the database is closing: no number rather than a failed scrape.
                        return Double.NaN;
                    }
                })
                .description(description)
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    /** One scrape: OpenMetrics when {@code accept} asks for it, else the Prometheus text format. */
    public Scrape scrape(String accept) {
        String type = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        return new Scrape(type, registry.scrape(type).getBytes(StandardCharsets.UTF_8));
    }

    /** A rendered scrape and the media type it is in. */
    public record Scrape(String contentType, byte[] body) {
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
