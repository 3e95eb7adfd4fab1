package dev.cycles.admin.server.health;

import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.db.Database;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /health: 200 once the database answers, 503 otherwise. No key needed, no details leaked. */
public final class HealthHandler {
    private final Database db;
    private final String version;

    public HealthHandler(Database db, String version) {
        this.db = db;
        this.version = version;
    }

    public Map<String, Object> health(Call call) {
        if (!db.isHealthy()) {
            throw new ApiException(503, ErrorCode.INTERNAL_ERROR, "Database is not available");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "UP");
        out.put("database", "UP");
        out.put("version", version);
        return out;
    }
}
