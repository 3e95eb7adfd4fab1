package dev.cycles.admin.server.audit;

import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;

/** The rules of an audit query: how its filters may combine, then one read. */
public final class AuditQueryService {
    private final Database db;
    private final AuditLogStore store;

    public AuditQueryService(Database db, AuditLogStore store) {
        this.db = db;
        this.store = store;
    }

    public Page<AuditLogEntry> list(AuditLogFilter f, PageSpec spec) {
        if (f.status() != null && (f.statusMin() != null || f.statusMax() != null)) {
            throw ApiException.badRequest("status cannot be combined with status_min or status_max");
        }
        if (f.statusMin() != null && f.statusMax() != null && f.statusMin() > f.statusMax()) {
            throw ApiException.badRequest("status_min must not exceed status_max");
        }
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw ApiException.badRequest("from must not be after to");
        }
        PageRequest page = PageRequest.of(AuditLogStore.SORTS, spec);
        return db.read(c -> store.list(c, f, page));
    }
}
