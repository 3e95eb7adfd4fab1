package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.concurrent.TimeUnit;

/**
 * One line per answered request (logger {@code cycles.request}, level INFO): request and trace
 * ids, operation, method, path, status, duration, plane and tenant. The path is the path alone:
 * query strings, headers and bodies (where keys and secrets travel) are never logged.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("cycles.request");

    private RequestLog() {
    }

    static void answered(Plane plane, OperationContext ctx, String method, String path, int status, long startedNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("request_id", ctx.requestId())
                .addKeyValue("trace_id", ctx.traceId())
                .addKeyValue("operation", ctx.operation())
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("plane", plane.name());
        String tenant = tenantOf(ctx);
        if (tenant != null) {
            line = line.addKeyValue("tenant", tenant);
        }
        line.log("{} {} {} {} ms", method, path, status, millis);
    }

    /** The tenant a tenant key acts for, or the tenant an admin request named as its target. */
    private static String tenantOf(OperationContext ctx) {
        if (ctx.principal() instanceof Principal.TenantKey key) {
            return key.tenantId();
        }
        return ctx.targetType() == ResourceType.TENANT ? ctx.targetId() : null;
    }
}
