package dev.cycles.admin.console.shell;

import dev.cycles.admin.console.common.Nav;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quick jump's slash commands, as in the web dashboard's palette: "/t acme" opens a tenant,
 * "/audit text" and "/event text" search those logs, "/key key_id" lists what a key did (audit),
 * "/wh whsub_…" finds a webhook subscription by id or URL.
 * Typing "/" lists them; a command the console does not know is said so.
 */
public final class SlashCommands {
    /** One command: its word, a shorter alias (or null), what its argument is and what it does. */
    public record Command(String word, String alias, String argument, String help) {
        public String label() {
            return word + " <" + argument + ">   " + help + (alias == null ? "" : "  (also " + alias + ")");
        }
    }

    public static final List<Command> ALL = List.of(
            new Command("/tenant", "/t", "id", "open a tenant"),
            new Command("/audit", null, "text", "search the audit log"),
            new Command("/event", null, "text", "search events"),
            new Command("/key", null, "key_id", "what a key did (audit log)"),
            new Command("/webhook", "/wh", "id or URL part", "find a webhook subscription"));

    private SlashCommands() {
    }

    /**
     * Runs {@code text} when it is a slash command. Returns null when the text is not one (a tenant
     * search then), "" when it ran, else what is wrong (unknown command, missing argument).
     */
    public static String run(String text, Nav nav) {
        String t = text == null ? "" : text.trim();
        if (!t.startsWith("/")) {
            return null;
        }
        int space = t.indexOf(' ');
        String word = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        String arg = space < 0 ? "" : t.substring(space + 1).trim();
        Command c = ALL.stream().filter(x -> x.word().equals(word) || word.equals(x.alias())).findFirst().orElse(null);
        if (c == null) {
            return "Unknown command " + word + ": " + String.join(", ", ALL.stream().map(Command::word).toList());
        }
        if (arg.isEmpty()) {
            return c.word() + " needs an argument (" + c.argument() + "), e.g. " + c.word() + " acme";
        }
        switch (c.word()) {
            case "/tenant" -> nav.tenant(arg);
            case "/audit" -> nav.list(Nav.Target.AUDIT, Map.of("search", arg));
            case "/event" -> nav.list(Nav.Target.EVENTS, Map.of("search", arg));
            case "/key" -> nav.list(Nav.Target.AUDIT, Map.of("key_id", arg));
            // the webhooks list's search matches subscription ids and URLs (the spec's listWebhookSubscriptions search)
            case "/webhook" -> nav.list(Nav.Target.WEBHOOKS, Map.of("search", arg));
            default -> throw new IllegalStateException(c.word());
        }
        return "";
    }
}
