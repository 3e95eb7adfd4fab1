package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs one export: every page of the screen's query, the screen's local filter, written to a
 * temporary file that replaces the target only when complete. Progress (rows and pages so far)
 * and the outcome are properties; {@link #cancel()} stops between pages and leaves no file.
 * Property updates go through {@code ui} (Platform::runLater in the console, direct in tests).
 */
public final class ExportJob<T> {
    private final Ctx ctx;
    private final Export.Spec<T> spec;
    private final Executor ui;
    private final IntegerProperty rows = new SimpleIntegerProperty(0);
    private final IntegerProperty pages = new SimpleIntegerProperty(0);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty finished = new SimpleBooleanProperty(false);
    private volatile boolean cancelled;

    public ExportJob(Ctx ctx, Export.Spec<T> spec, Executor ui) {
        this.ctx = ctx;
        this.spec = spec;
        this.ui = ui;
    }

    /** Starts; {@code done} receives the number of rows written. */
    public void start(Path target, Export.Format format, Consumer<Integer> done) {
        if (running.get()) {
            return;
        }
        cancelled = false;
        running.set(true);
        finished.set(false);
        progress.set(-1);
        message.set("Fetching the first page…");
        ctx.async().run("Export " + spec.name(), () -> write(target, format), n -> {
            running.set(false);
            finished.set(true);
            progress.set(1);
            message.set("Exported " + n + (n == 1 ? " row" : " rows") + " to " + target);
            ctx.status().info("Exported " + n + " " + spec.name() + " to " + target);
            done.accept(n);
        }, e -> {
            running.set(false);
            progress.set(0);
            if (cancelled) {
                message.set("Export cancelled; no file written");
                ctx.status().info("Export of " + spec.name() + " cancelled");
            } else {
                message.set("Export failed: " + e.code() + ": " + e.getMessage());
                ctx.status().error("Export " + spec.name(), e);
            }
        });
    }

    public void cancel() {
        cancelled = true;
        if (running.get()) {
            message.set("Cancelling…");
        }
    }

    private int write(Path target, Export.Format format) {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        int written = 0;
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (format == Export.Format.CSV) {
                    Export.writeCsvHeader(w, spec.columns());
                } else {
                    w.write("[");
                }
                String cursor = null;
                int page = 0;
                do {
                    if (cancelled) {
                        throw new AdminApiException("CANCELLED", "Export cancelled", null);
                    }
                    Export.Page<T> p = spec.pager().fetch(cursor);
                    page++;
                    for (T row : p.items()) {
                        if (!spec.keep().test(row)) {
                            continue;
                        }
                        if (format == Export.Format.CSV) {
                            Export.writeCsvRow(w, spec.columns(), row);
                        } else {
                            w.write((written == 0 ? "\n  " : ",\n  ") + Export.json(row));
                        }
                        written++;
                    }
                    int n = written;
                    int pg = page;
                    boolean more = p.hasMore() && p.nextCursor() != null;
                    ui.execute(() -> {
                        rows.set(n);
                        pages.set(pg);
                        message.set(n + (n == 1 ? " row" : " rows") + " from " + pg + (pg == 1 ? " page" : " pages")
                                + (more ? ", fetching more…" : ""));
                    });
                    cursor = more ? p.nextCursor() : null;
                } while (cursor != null);
                if (cancelled) {
                    throw new AdminApiException("CANCELLED", "Export cancelled", null);
                }
                if (format == Export.Format.JSON) {
                    w.write(written == 0 ? "]\n" : "\n]\n");
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new AdminApiException("EXPORT_FAILED", "Cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale .part file is harmless
        }
    }

    public String defaultFileName(Export.Format f) {
        return "cycles-" + spec.name() + "." + f.extension;
    }

    public IntegerProperty rowsProperty() {
        return rows;
    }

    public IntegerProperty pagesProperty() {
        return pages;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty finishedProperty() {
        return finished;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
