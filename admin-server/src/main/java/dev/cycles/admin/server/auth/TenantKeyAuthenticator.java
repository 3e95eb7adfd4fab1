package dev.cycles.admin.server.auth;

import dev.cycles.admin.server.core.AdminWrites;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.apikey.KeySecrets;
import dev.cycles.admin.server.apikey.ApiKeyStore;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.server.auth.TenantKeyResolver;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.tenant.TenantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a presented tenant key: known digest, ACTIVE, not expired, tenant ACTIVE. Also answers
 * POST /v1/auth/validate with the same checks, so both always agree.
 *
 * <p>Verdicts on known keys are remembered, because every runtime request presents a key and
 * looking it up (two reads) cost more than a reserve's own checks. Keys and tenants change only
 * through admin-plane writes of this process, which {@link AdminWrites} tracks: a verdict read
 * before a write began, or while one was under way, is not used again.
 * Expiry needs no write, so a remembered key is re-read once its expires_at has passed.
 */
public final class TenantKeyAuthenticator implements TenantKeyResolver {
    private final Clock clock;
    private static final Logger LOG = LoggerFactory.getLogger(TenantKeyAuthenticator.class);
    /** last_used_at is a hint, so it is written at most this often per key (not on every request). */
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);

    /** The outcome of checking a secret: the key and tenant when valid, else the reason. */
    public record Verdict(ApiKey key, Tenant tenant, String reason) {
        public boolean valid() {
            return reason == null;
        }
    }

    private final Database db;
    private final ApiKeyStore keys;
    private final TenantStore tenants;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();
    /** At most this many remembered verdicts; past it the memory starts over (a bound, not an eviction policy). */
    private static final int REMEMBERED_LIMIT = 10_000;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final AdminWrites writes;

    private record Remembered(Verdict verdict, long tag) {
    }

    public TenantKeyAuthenticator(Database db, ApiKeyStore keys, TenantStore tenants, AdminWrites writes, Clock clock) {
        this.clock = clock;
        this.writes = writes;
        this.db = db;
        this.keys = keys;
        this.tenants = tenants;
    }

    public Verdict check(String secret) {
        if (!KeySecrets.looksLikeSecret(secret)) {
            return new Verdict(null, null, "KEY_NOT_FOUND");
        }
        String digest = KeySecrets.digest(secret);
        Remembered hit = remembered.get(digest);
        if (hit != null && writes.current(hit.tag()) && notExpired(hit.verdict().key())) {
            return hit.verdict();
        }
        long tag = writes.tag();
        Verdict v = read(digest);
        if (v.key() != null) {
            if (remembered.size() >= REMEMBERED_LIMIT) {
                remembered.clear();
            }
            // Tagged before the read: a write that began meanwhile makes it stale.
            remembered.put(digest, new Remembered(v, tag));
        }
        return v;
    }

    private boolean notExpired(ApiKey key) {
        return key.expiresAt() == null || Now.of(clock).isBefore(key.expiresAt());
    }

    private Verdict read(String digest) {
        return db.read(c -> {
            ApiKey key = keys.findByDigest(c, digest);
            if (key == null) {
                return new Verdict(null, null, "KEY_NOT_FOUND");
            }
            Tenant tenant = tenants.find(c, key.tenantId());
            if (key.status() == ApiKeyStatus.REVOKED) {
                return new Verdict(key, tenant, "KEY_REVOKED");
            }
            if (key.status() == ApiKeyStatus.EXPIRED) {
                return new Verdict(key, tenant, "KEY_EXPIRED");
            }
            if (tenant == null) {
                return new Verdict(key, null, "TENANT_NOT_FOUND");
            }
            if (tenant.status() != TenantStatus.ACTIVE) {
                return new Verdict(key, tenant, "TENANT_" + tenant.status().name());
            }
            return new Verdict(key, tenant, null);
        });
    }

    @Override
    public Principal.TenantKey resolve(String secret) {
        return principal(check(secret));
    }

    /**
     * The runtime plane's check: every refusal is a 401 (the runtime spec has no KEY_* codes), and
     * a SUSPENDED tenant's key is accepted, because suspension stops new work, not the settling
     * of work already done; the reservation rules refuse what a suspended tenant may not start.
     */
    public Principal.TenantKey resolveForRuntime(String secret) {
        Verdict v = check(secret);
        if (v.valid() || "TENANT_SUSPENDED".equals(v.reason())) {
            return principal(new Verdict(v.key(), v.tenant(), null));
        }
        String message = switch (v.reason()) {
            case "KEY_REVOKED" -> "API key has been revoked";
            case "KEY_EXPIRED" -> "API key has expired";
            case "TENANT_CLOSED" -> "The key's tenant is CLOSED";
            default -> "Invalid API key";
        };
        throw new ApiException(401, ErrorCode.UNAUTHORIZED, message);
    }

    private Principal.TenantKey principal(Verdict v) {
        if (!v.valid()) {
            throw switch (v.reason()) {
                case "KEY_REVOKED" -> new ApiException(401, ErrorCode.KEY_REVOKED, "API key has been revoked");
                case "KEY_EXPIRED" -> new ApiException(401, ErrorCode.KEY_EXPIRED, "API key has expired");
                case "TENANT_SUSPENDED" -> new ApiException(403, ErrorCode.TENANT_SUSPENDED, "The key's tenant is SUSPENDED");
                case "TENANT_CLOSED" -> new ApiException(403, ErrorCode.TENANT_CLOSED, "The key's tenant is CLOSED");
                default -> new ApiException(401, ErrorCode.UNAUTHORIZED, "Invalid API key");
            };
        }
        ApiKey k = v.key();
        touch(k.keyId());
        EnumSet<Permission> perms = EnumSet.noneOf(Permission.class);
        k.permissions().forEach(p -> Permission.fromWire(p).ifPresent(perms::add));
        return new Principal.TenantKey(k.keyId(), k.tenantId(), perms, k.permissions(),
                Optional.ofNullable(k.scopeFilter()).orElse(List.of()));
    }

    private void touch(String keyId) {
        Instant now = Now.of(clock);
        Instant last = lastTouched.get(keyId);
        if (last != null && last.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        lastTouched.put(keyId, now);
        try {
            db.write(c -> {
                keys.touch(c, keyId, now);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not record last_used_at for {}", keyId, e);
        }
    }
}
