package dev.cycles.admin.server.overview;

import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.server.http.Call;

/** HTTP in and out for /v1/admin/overview. */
public final class OverviewHandlers {
    private final OverviewService service;

    public OverviewHandlers(OverviewService service) {
        this.service = service;
    }

    public AdminOverviewResponse get(Call call) {
        return service.overview();
    }
}
