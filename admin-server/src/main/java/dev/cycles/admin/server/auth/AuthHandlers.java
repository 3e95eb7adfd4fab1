package dev.cycles.admin.server.auth;

import dev.cycles.admin.model.ApiKeyValidationRequest;
import dev.cycles.admin.model.ApiKeyValidationResponse;
import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.Capabilities;
import dev.cycles.admin.server.auth.TenantKeyAuthenticator;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.core.Principal;

import java.util.List;

/** POST /v1/auth/validate and GET /v1/auth/introspect. */
public final class AuthHandlers {
    private final TenantKeyAuthenticator keys;

    public AuthHandlers(TenantKeyAuthenticator keys) {
        this.keys = keys;
    }

    public ApiKeyValidationResponse validate(Call call) {
        ApiKeyValidationRequest req = call.body(ApiKeyValidationRequest.class);
        if (req.keySecret() == null || req.keySecret().isEmpty()) {
            throw ApiException.badRequest("Field 'key_secret' is required");
        }
        TenantKeyAuthenticator.Verdict v = keys.check(req.keySecret());
        if (!v.valid()) {
            return new ApiKeyValidationResponse(false, v.key() == null ? "" : v.key().tenantId(), null, null, null, null, v.reason());
        }
        var k = v.key();
        return new ApiKeyValidationResponse(true, k.tenantId(), k.keyId(), k.permissions(),
                k.scopeFilter() == null || k.scopeFilter().isEmpty() ? null : k.scopeFilter(), k.expiresAt(), null);
    }

    public AuthIntrospectResponse introspect(Call call) {
        if (call.principal() instanceof Principal.TenantKey k) {
            return new AuthIntrospectResponse(true, "tenant", k.permissionNames(),
                    Capabilities.forTenantKey(k.permissionNames()), k.tenantId(),
                    k.scopeFilter().isEmpty() ? null : k.scopeFilter());
        }
        return new AuthIntrospectResponse(true, "admin", List.of("*"), Capabilities.admin(), null, null);
    }
}
