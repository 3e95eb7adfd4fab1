package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.OperationContext;

/**
 * What the dispatcher needs of authentication: from the key headers an operation accepts, record
 * who is calling in {@code ctx}, or throw the ApiException to answer with (401, 403 or 429).
 * A refusal the implementation has audited itself is marked with {@link OperationContext#markSummarised()}.
 */
@FunctionalInterface
public interface Authentication {
    void authenticate(AuthRule rule, String adminKeyHeader, String tenantKeyHeader, OperationContext ctx);
}
