package dev.cycles.admin.model.runtime;

import java.util.Map;

/**
 * Who is acting, as levels of the scope hierarchy (tenant, workspace, app, workflow, agent,
 * toolset); {@code dimensions} are returned verbatim and never make scopes.
 */
public record Subject(String tenant, String workspace, String app, String workflow, String agent, String toolset,
                      Map<String, String> dimensions) {
}
