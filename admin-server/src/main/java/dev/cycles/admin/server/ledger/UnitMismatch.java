package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A subject with no ledger in the request's unit, while one of its scopes has a ledger in another
 * unit, is 400 UNIT_MISMATCH on every surface (reserve, decide, event) rather than 404: the
 * client sent the wrong unit, the budget exists.
 */
public final class UnitMismatch {
    private UnitMismatch() {
    }

    /** Throws 400 UNIT_MISMATCH naming the first scope, top-down, budgeted in another unit; returns when there is none. */
    public static void check(Connection c, LedgerBook book, String tenantId, SubjectScopes scopes, Amount wanted) throws SQLException {
        Map<String, TreeSet<String>> units = book.unitsAt(c, tenantId, scopes.scopes());
        if (units.isEmpty()) {
            return;
        }
        Map.Entry<String, TreeSet<String>> first = units.entrySet().iterator().next();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", first.getKey());
        details.put("requested_unit", wanted.unit().name());
        details.put("expected_units", List.copyOf(first.getValue()));
        throw new ApiException(400, ErrorCode.UNIT_MISMATCH, "No budget in " + wanted.unit() + " for this subject; "
                + first.getKey() + " is budgeted in " + String.join(", ", first.getValue()), details);
    }
}
