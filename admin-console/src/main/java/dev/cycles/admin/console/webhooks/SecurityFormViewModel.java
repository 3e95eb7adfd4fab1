package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.WebhookSecurityConfig;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The admin's webhook security config: blocked CIDR ranges (one a line), allowed URL patterns
 * (globs; when any is given, only matching URLs are accepted) and whether plain http is allowed.
 * The form starts empty and locked until the server's current config is read, so stale values
 * are never edited; the PUT replaces the whole config and applies to later creates and updates.
 */
public final class SecurityFormViewModel {
    private final Ctx ctx;
    private final StringProperty blocked = new SimpleStringProperty("");
    private final StringProperty patterns = new SimpleStringProperty("");
    private final BooleanProperty allowHttp = new SimpleBooleanProperty(false);
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringProperty serverError = new SimpleStringProperty("");
    private final StringBinding problem;

    public SecurityFormViewModel(Ctx ctx) {
        this.ctx = ctx;
        problem = Bindings.createStringBinding(() -> loaded.get() ? "" : "Reading the current config…", loaded);
    }

    public void load() {
        ctx.async().run("Read webhook security config", () -> ctx.session().client().webhookSecurity(), this::fill,
                e -> serverError.set(e.code() + ": " + e.getMessage()));
    }

    void fill(WebhookSecurityConfig c) {
        blocked.set(String.join("\n", c.blockedCidrRanges() == null ? List.of() : c.blockedCidrRanges()));
        patterns.set(String.join("\n", c.allowedUrlPatterns() == null ? List.of() : c.allowedUrlPatterns()));
        allowHttp.set(Boolean.TRUE.equals(c.allowHttp()));
        loaded.set(true);
    }

    /** The config the form describes: one entry a line, blank lines dropped. */
    WebhookSecurityConfig config() {
        return new WebhookSecurityConfig(lines(blocked.get()), lines(patterns.get()), allowHttp.get());
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Puts the restored defaults in the form (saved only with Save). */
    public void defaults() {
        fill(WebhookSecurityConfig.DEFAULTS);
    }

    public void submit(Consumer<WebhookSecurityConfig> onSaved) {
        if (submitting.get() || !loaded.get()) {
            return;
        }
        submitting.set(true);
        serverError.set("");
        WebhookSecurityConfig c = config();
        String what = "Save webhook security config";
        ctx.async().run(what, () -> ctx.session().client().updateWebhookSecurity(c), r -> {
            submitting.set(false);
            ctx.status().info(what + ": " + r.blockedCidrRanges().size() + " blocked ranges, http " + (Boolean.TRUE.equals(r.allowHttp())
                    ? "allowed" : "refused"));
            onSaved.accept(r);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public StringProperty blockedProperty() { return blocked; }
    public StringProperty patternsProperty() { return patterns; }
    public BooleanProperty allowHttpProperty() { return allowHttp; }
    public BooleanProperty loadedProperty() { return loaded; }
    public BooleanProperty submittingProperty() { return submitting; }
    public StringProperty serverErrorProperty() { return serverError; }
    public StringBinding problemProperty() { return problem; }
}
