package dev.cycles.admin.server.reservation;

import dev.cycles.admin.server.ledger.RequestDigest;
import dev.cycles.admin.server.ledger.RuntimeCaller;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.LedgerBook;

import java.util.Map;
import java.util.TreeMap;

/**
 * GET /v1/balances on the runtime plane: the caller's ledgers in the runtime's Balance shape.
 * Every unit and every status is shown (a frozen or closed ledger is still a balance the client
 * may want to read); the key's scope_filter narrows the rows without saying so.
 */
public final class BalanceQueries {
    private final Database db;
    private final LedgerBook ledgers;

    public BalanceQueries(Database db, LedgerBook ledgers) {
        this.db = db;
        this.ledgers = ledgers;
    }

    /**
     * {@code segments} maps subject levels below the tenant to values; at least one of those or
     * {@code named} (the tenant, checked against the key's) must be given. The spec's
     * include_children is not a parameter here: a segment match already includes descendants.
     */
    public Page<Balance> balances(OperationContext ctx, String named, Map<String, String> segments, int limit, String cursor) {
        Principal.TenantKey key = RuntimeCaller.key(ctx);
        if (named == null && segments.isEmpty()) {
            throw ApiException.badRequest("At least one of tenant, workspace, app, workflow, agent, toolset is required");
        }
        String tenant = RuntimeCaller.tenant(key, named);
        Map<String, Object> selection = new TreeMap<>(segments);
        selection.put("tenant", tenant);
        selection.put("scope_filter", key.scopeFilter());
        PageRequest page = PageRequest.of(LedgerBook.BALANCE_ORDER,
                new PageSpec(null, null, limit, cursor, RequestDigest.of(selection).substring(0, 16)));
        Page<Holding> rows = db.read(c -> ledgers.balances(c, tenant, segments, key.scopeFilter(), page));
        return new Page<>(rows.items().stream().map(Holding::toBalance).toList(), rows.nextCursor());
    }
}
