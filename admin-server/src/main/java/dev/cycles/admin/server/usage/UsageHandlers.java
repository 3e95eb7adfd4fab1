package dev.cycles.admin.server.usage;

import dev.cycles.admin.model.runtime.UsageEventRequest;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.Reply;

/** HTTP in and out for POST /v1/events (usage charges, not the governance event stream). */
public final class UsageHandlers {
    static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";

    private final UsageEventService usage;

    public UsageHandlers(UsageEventService usage) {
        this.usage = usage;
    }

    public Reply create(Call call) {
        return Reply.created(usage.create(call.ctx(), call.body(UsageEventRequest.class), call.header(IDEMPOTENCY_HEADER)));
    }
}
