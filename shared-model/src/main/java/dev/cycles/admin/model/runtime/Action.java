package dev.cycles.admin.model.runtime;

import java.util.List;

/** What the agent is about to do ({@code llm.completion} / {@code gpt-4o}); stored and returned, not evaluated. */
public record Action(String kind, String name, List<String> tags) {
}
