package dev.cycles.admin.server.audit;

import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Every statement that writes audit rows. (Queries live in {@link AuditLogStore}.) */
public final class AuditStore {

    /** One audit row, with every text already bounded by the caller. */
    public record Row(String logId, Instant timestamp, String tenantId, String keyId, String userAgent, String sourceIp,
                      String operation, String resourceType, String resourceId, String requestId, String traceId,
                      int status, String errorCode, String metadataJson) {
    }

    public void insert(Connection c, Row r) throws SQLException {
        Sql.update(c, "INSERT INTO audit_logs(log_id, timestamp, tenant_id, key_id, user_agent, source_ip, operation,"
                        + " resource_type, resource_id, request_id, trace_id, status, error_code, metadata)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.logId(), r.timestamp(), r.tenantId(), r.keyId(), r.userAgent(), r.sourceIp(), r.operation(),
                r.resourceType(), r.resourceId(), r.requestId(), r.traceId(), r.status(), r.errorCode(), r.metadataJson());
    }

    public void updateMetadata(Connection c, String logId, String metadataJson) throws SQLException {
        Sql.update(c, "UPDATE audit_logs SET metadata = ? WHERE log_id = ?", metadataJson, logId);
    }
}
