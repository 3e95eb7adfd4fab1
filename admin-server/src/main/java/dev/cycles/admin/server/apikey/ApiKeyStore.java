package dev.cycles.admin.server.apikey;

import dev.cycles.admin.server.core.Now;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** SQL for api_keys. The digest column is written once and only ever used for lookup. */
public final class ApiKeyStore {
    private final Clock clock;

    public ApiKeyStore(Clock clock) {
        this.clock = clock;
    }
    public static final Sorts SORTS = new Sorts(Map.of(
            "key_id", SortKey.text("key_id", "key_id"),
            "name", SortKey.text("name", "COALESCE(name, '')"),
            "tenant_id", SortKey.text("tenant_id", "tenant_id"),
            "status", SortKey.text("status", "status"),
            "created_at", SortKey.number("created_at", "created_at"),
            "expires_at", SortKey.number("expires_at", "expires_at")), "created_at", true);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };


    /** A stored key plus the facts the auth path needs. */
    public record Row(ApiKey key, String storedStatus) {
    }

    public void insert(Connection c, ApiKey k, String digest) throws SQLException {
        Sql.update(c, "INSERT INTO api_keys(key_id, tenant_id, key_prefix, key_digest, name, description, permissions,"
                        + " scope_filter, status, created_at, expires_at, metadata) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                k.keyId(), k.tenantId(), k.keyPrefix(), digest, k.name(), k.description(),
                Sql.toJson(k.permissions()), Sql.toJson(k.scopeFilter()), ApiKeyStatus.ACTIVE, k.createdAt(),
                k.expiresAt(), Sql.toJson(k.metadata()));
    }

    public ApiKey find(Connection c, String keyId) throws SQLException {
        return Sql.one(c, "SELECT * FROM api_keys WHERE key_id = ?", this::map, keyId);
    }

    /** Every column but metadata, for the paths that never return it (authentication, the close cascade). */
    private static final String WITHOUT_METADATA = "key_id, tenant_id, key_prefix, name, description, permissions,"
            + " scope_filter, status, created_at, last_used_at, expires_at, revoked_at, revoked_reason, NULL AS metadata";

    public ApiKey findByDigest(Connection c, String digest) throws SQLException {
        return Sql.one(c, "SELECT " + WITHOUT_METADATA + " FROM api_keys WHERE key_digest = ?", this::map, digest);
    }

    public void updateProfile(Connection c, ApiKey k) throws SQLException {
        Sql.update(c, "UPDATE api_keys SET name=?, description=?, permissions=?, scope_filter=?, metadata=? WHERE key_id=?",
                k.name(), k.description(), Sql.toJson(k.permissions()), Sql.toJson(k.scopeFilter()),
                Sql.toJson(k.metadata()), k.keyId());
    }

    public void revoke(Connection c, String keyId, Instant at, String reason) throws SQLException {
        Sql.update(c, "UPDATE api_keys SET status='REVOKED', revoked_at=?, revoked_reason=? WHERE key_id=?", at, reason, keyId);
    }

    public List<ApiKey> activeForTenant(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT " + WITHOUT_METADATA + " FROM api_keys WHERE tenant_id = ? AND status = 'ACTIVE'", List.of(tenantId), this::map);
    }

    public void touch(Connection c, String keyId, Instant at) throws SQLException {
        Sql.update(c, "UPDATE api_keys SET last_used_at=? WHERE key_id=?", at, keyId);
    }

    public Page<ApiKey> list(Connection c, ApiKeyFilter f, PageRequest page) throws SQLException {
        long now = Now.of(clock).toEpochMilli();
        Where w = new Where().andIf(f.tenantId(), "tenant_id = ?").search(f.search(), "key_id", "COALESCE(name, '')");
        if (f.status() == ApiKeyStatus.ACTIVE) {
            w.and("status = 'ACTIVE' AND expires_at > ?", now);
        } else if (f.status() == ApiKeyStatus.EXPIRED) {
            w.and("status = 'ACTIVE' AND expires_at <= ?", now);
        } else if (f.status() == ApiKeyStatus.REVOKED) {
            w.and("status = 'REVOKED'");
        }
        return page.fetchBounded(c, "*", "api_keys", w, "key_id", "COALESCE(LENGTH(metadata), 0)"
                        + " + COALESCE(LENGTH(description), 0) + COALESCE(LENGTH(scope_filter), 0) + COALESCE(LENGTH(name), 0)",
                this::map,
                k -> switch (page.sort().name()) {
                    case "name" -> k.name() == null ? "" : k.name();
                    case "tenant_id" -> k.tenantId();
                    case "status" -> storedStatus(k);
                    case "created_at" -> k.createdAt().toEpochMilli();
                    case "expires_at" -> k.expiresAt().toEpochMilli();
                    default -> k.keyId();
                }, ApiKey::keyId);
    }

    /** The status column's value (EXPIRED is derived on read, never stored). */
    private static String storedStatus(ApiKey k) {
        return k.status() == ApiKeyStatus.REVOKED ? "REVOKED" : "ACTIVE";
    }

    ApiKey map(ResultSet rs) throws SQLException {
        ApiKeyStatus status = Sql.enumValue(rs, "status", ApiKeyStatus.class);
        Instant expires = Sql.instant(rs, "expires_at");
        if (status == ApiKeyStatus.ACTIVE && expires != null && !expires.isAfter(Now.of(clock))) {
            status = ApiKeyStatus.EXPIRED;
        }
        return new ApiKey(
                rs.getString("key_id"),
                rs.getString("tenant_id"),
                rs.getString("key_prefix"),
                rs.getString("name"),
                rs.getString("description"),
                Sql.fromJson(rs.getString("permissions"), STRINGS),
                Sql.fromJson(rs.getString("scope_filter"), STRINGS),
                status,
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_used_at"),
                expires,
                Sql.instant(rs, "revoked_at"),
                rs.getString("revoked_reason"),
                Sql.fromJsonOrNull(rs.getString("metadata"), OBJECT_MAP));
    }
}
