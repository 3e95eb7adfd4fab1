package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.ApiException;

/** Request amounts: a bare integer takes the request's unit; an explicit unit must agree with it. */
final class BudgetAmounts {
    private BudgetAmounts() {
    }

    static Amount inUnit(Amount given, UnitEnum unit, String field) {
        Amount a = given.withDefaultUnit(unit);
        if (a.amount() == null) {
            throw ApiException.badRequest("Field '" + field + ".amount' is required");
        }
        if (a.unit() == null) {
            throw ApiException.badRequest("Field '" + field + ".unit' is required");
        }
        if (a.unit() != unit) {
            throw new ApiException(400, ErrorCode.UNIT_MISMATCH, "Field '" + field + "' is in " + a.unit()
                    + " but the budget is in " + unit);
        }
        if (a.amount() < 0) {
            throw ApiException.badRequest("Field '" + field + "' must not be negative");
        }
        return a;
    }
}
