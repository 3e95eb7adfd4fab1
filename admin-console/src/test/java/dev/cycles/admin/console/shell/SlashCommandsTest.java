package dev.cycles.admin.console.shell;

import dev.cycles.admin.console.common.Nav;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quick jump's slash commands open the right filtered list; anything else is said, not guessed. */
class SlashCommandsTest {
    private final List<String> opened = new ArrayList<>();
    private final Nav nav = new Nav();

    SlashCommandsTest() {
        nav.setList((target, filter) -> opened.add(target + " " + filter));
        nav.setTenant(id -> opened.add("TENANT " + id));
    }

    @Test
    void eachCommandOpensItsList() {
        assertEquals("", SlashCommands.run("/t acme", nav));
        assertEquals("", SlashCommands.run("/audit budget.fund", nav));
        assertEquals("", SlashCommands.run("/event tenant.created", nav));
        assertEquals("", SlashCommands.run("/key key_123", nav));
        assertEquals("", SlashCommands.run("/wh whsub_42", nav));
        assertEquals(List.of("TENANT acme", "AUDIT " + Map.of("search", "budget.fund"), "EVENTS " + Map.of("search", "tenant.created"),
                "AUDIT " + Map.of("key_id", "key_123"), "WEBHOOKS " + Map.of("search", "whsub_42")), opened);
    }

    @Test
    void plainTextIsATenantSearchAndMistakesAreSaid() {
        assertNull(SlashCommands.run("acme", nav), "not a command: the quick jump searches tenants");
        assertTrue(SlashCommands.run("/nope x", nav).startsWith("Unknown command /nope"));
        assertEquals("/webhook needs an argument (id or URL part), e.g. /webhook acme", SlashCommands.run("/webhook", nav));
        assertTrue(opened.isEmpty(), "nothing opened");
    }
}
