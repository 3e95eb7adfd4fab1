package dev.cycles.admin.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.ErrorResponse;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.server.Check;
import dev.cycles.admin.server.apikey.KeySecrets;
import dev.cycles.admin.server.audit.RefusalSummaries;
import dev.cycles.admin.server.auth.FailureThrottle;
import dev.cycles.admin.server.db.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cross-cutting part of every request, in order: correlation ids, body limits and content
 * type, authentication and permission (see {@link Authenticator}), the handler, JSON out, and the audit row for writes that
 * the service did not record itself. Nothing a client sends can make this answer with HTML.
 */
public final class Dispatcher {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The longest user agent kept; audit rows store it, so a client must not choose its size. */
    static final int MAX_USER_AGENT = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Authenticator authenticator;
    private final FailureThrottle throttle;
    private final OutcomeRecorder outcomes;
    private final RefusalSummaries refusals;
    private final List<Route> routes;

    public Dispatcher(Authenticator authenticator, FailureThrottle throttle, OutcomeRecorder outcomes,
                      RefusalSummaries refusals, List<Route> routes) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.outcomes = outcomes;
        this.refusals = refusals;
        this.routes = routes;
    }

    public void register(Service http) {
        for (Route r : routes) {
            spark.Route handler = (req, res) -> handle(r, req, res);
            switch (r.method()) {
                case "GET" -> http.get(r.path(), handler);
                case "POST" -> http.post(r.path(), handler);
                case "PATCH" -> http.patch(r.path(), handler);
                case "PUT" -> http.put(r.path(), handler);
                case "DELETE" -> http.delete(r.path(), handler);
                default -> throw new IllegalArgumentException("unsupported method " + r.method());
            }
        }
        http.notFound((req, res) -> unmatched(req, res));
        http.internalServerError((req, res) -> {
            RequestContext ctx = context(req, res, "unknown");
            return error(res, ctx, new ApiException(500, ErrorCode.INTERNAL_ERROR, "Internal error"));
        });
    }

    private Object handle(Route route, Request req, Response res) {
        RequestContext ctx = context(req, res, route.operation());
        int status = 500;
        String errorCode = null;
        String body = null;
        boolean bodyRead = false;
        boolean summarised = false;
        try {
            try {
                authenticator.authenticate(route.auth(), req, ctx);
            } catch (ApiException e) {
                if (e.status() != 401) {
                    throw e;
                }
                FailureThrottle.Verdict verdict = throttle.recordFailure(ctx.sourceIp());
                if (!verdict.throttled()) {
                    throw e;
                }
                summarised = true;
                refusals.count(ctx, verdict.summaryKey(), verdict.windowStart());
                throw new ApiException(429, ErrorCode.LIMIT_EXCEEDED,
                        "Too many requests without a valid API key from this address; retry in " + verdict.retryAfterSeconds() + " s",
                        Map.of("retry_after_seconds", verdict.retryAfterSeconds()));
            }
            if (route.isWrite()) {
                body = readBody(req);
                bodyRead = true;
            }
            Object out = route.handler().handle(new Call(req, ctx, body));
            if (out instanceof RawReply raw) {
                status = raw.status();
                res.status(status);
                res.type(raw.contentType());
                if (raw.cacheable()) {
                    res.header("Cache-Control", "public, max-age=3600");
                }
                res.raw().setContentLength(raw.bytes().length);
                return raw.bytes();
            }
            Reply reply = out instanceof Reply r ? r : Reply.ok(out);
            status = reply.status();
            res.status(status);
            if (reply.body() == null) {
                res.type(null);
                return "";
            }
            return withLength(res, Json.mapper().writeValueAsString(reply.body()));
        } catch (ApiException e) {
            status = e.status();
            errorCode = e.code().name();
            return error(res, ctx, e);
        } catch (PageRequest.BadCursorException e) {
            status = 400;
            errorCode = ErrorCode.INVALID_REQUEST.name();
            return error(res, ctx, ApiException.badRequest(e.getMessage()));
        } catch (Exception e) {
            LOG.error("request {} {} {} failed (request_id={})", req.requestMethod(), req.pathInfo(), route.operation(), ctx.requestId(), e);
            status = 500;
            errorCode = ErrorCode.INTERNAL_ERROR.name();
            return error(res, ctx, new ApiException(500, ErrorCode.INTERNAL_ERROR, "Internal error; quote request_id " + ctx.requestId()));
        } finally {
            closeIfBodyUnread(req, res, bodyRead);
            // A failed request's transaction rolled back, taking any audit row it wrote with it.
            // Reads are audited only when they fail authentication (the spec's __unauth__ rows).
            boolean failedAuthentication = errorCode != null && ctx.principal() == null && !route.auth().open();
            if (!summarised && (route.isWrite() && (errorCode != null || !ctx.audited()) || failedAuthentication)) {
                recordOutcome(ctx, route, req, body, status, errorCode);
            }
        }
    }

    private void recordOutcome(RequestContext ctx, Route route, Request req, String body, int status, String errorCode) {
        try {
            // Path parameter when there is one; budget operations name their ledger by ?scope=;
            // creates name what they meant to create in the body, so a refused create is still
            // found in that tenant's or budget's activity.
            String resourceId = !req.params().isEmpty() ? req.params().values().iterator().next() : scopeParameter(req);
            if (resourceId == null) {
                resourceId = namedInBody(route, body);
            }
            // Someone may paste a key secret where an id belongs; an audit row must never keep it.
            if (KeySecrets.looksLikeSecret(resourceId)) {
                resourceId = null;
            }
            outcomes.record(ctx, route, resourceId, status, errorCode);
        } catch (RuntimeException e) {
            LOG.error("could not write audit row for request_id={}", ctx.requestId(), e);
        }
    }

    /** The tenant or scope a refused create named, when it is a valid one (never arbitrary text). */
    private static String namedInBody(Route route, String body) {
        if ("tenant".equals(route.resourceType())) {
            String id = bodyField(body, "tenant_id");
            return id != null && Check.TENANT_ID.matcher(id).matches() ? id : null;
        }
        if ("budget".equals(route.resourceType())) {
            String scope = bodyField(body, "scope");
            return scope != null && Scope.isValid(scope) ? Scope.parse(scope).canonical() : null;
        }
        return null;
    }

    private static String bodyField(String body, String field) {
        if (body == null || field == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode value = Json.mapper().readTree(body).get(field);
            return value != null && value.isTextual() ? truncate(value.asText(), 1024) : null;
        } catch (JsonProcessingException | RuntimeException notJson) {
            return null;
        }
    }

    private static String scopeParameter(Request req) {
        try {
            List<String> scopes = Call.parseQuery(req.raw().getQueryString()).get("scope");
            return scopes == null || scopes.isEmpty() ? null : truncate(scopes.get(0), 1024);
        } catch (ApiException badEncoding) {
            return null;
        }
    }

    private RequestContext context(Request req, Response res, String operation) {
        String traceId = Correlation.traceId(req.headers("traceparent"), req.headers("X-Cycles-Trace-Id"));
        RequestContext ctx = new RequestContext(Correlation.newRequestId(), traceId, req.ip(),
                truncate(req.userAgent(), MAX_USER_AGENT), operation);
        res.header("X-Request-Id", ctx.requestId());
        res.header("X-Cycles-Trace-Id", traceId);
        res.header("Cache-Control", "no-store");
        res.type("application/json");
        return ctx;
    }

    /**
     * A request answered without reading its body (401, 413, 404) still has bytes on the wire.
     * They are never drained: a slow or endless body would hold this thread. The connection is
     * closed after the answer instead.
     */
    private static void closeIfBodyUnread(Request req, Response res, boolean bodyRead) {
        if (bodyRead) {
            return;
        }
        long declared = req.raw().getContentLengthLong();
        if (declared > 0 || declared < 0 && req.headers("Transfer-Encoding") != null) {
            res.header("Connection", "close");
        }
    }

    /** Sets Content-Length so a response is complete on the wire even if the connection then closes. */
    private static String withLength(Response res, String json) {
        res.raw().setContentLength(json.getBytes(StandardCharsets.UTF_8).length);
        return json;
    }

    private static String readBody(Request req) {
        long declared = req.raw().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = BoundedBody.read(req.raw(), MAX_BODY_BYTES);
        if (bytes == null) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            return null;
        }
        String type = req.contentType();
        if (type != null && !isJson(type)) {
            throw new ApiException(415, ErrorCode.INVALID_REQUEST,
                    "Content-Type must be application/json (got '" + truncate(type, 100) + "')");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ApiException tooLarge() {
        return new ApiException(413, ErrorCode.INVALID_REQUEST, "Request body is larger than 1 MiB");
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json");
    }

    private String unmatched(Request req, Response res) {
        RequestContext ctx = context(req, res, "unknown");
        closeIfBodyUnread(req, res, false);
        String path = req.pathInfo();
        List<String> allowed = routes.stream().filter(r -> r.matchesPath(path)).map(Route::method).distinct()
                .collect(Collectors.toList());
        if (!allowed.isEmpty()) {
            res.header("Allow", String.join(", ", allowed));
            return error(res, ctx, new ApiException(405, ErrorCode.INVALID_REQUEST,
                    "Method " + req.requestMethod() + " is not allowed here; use " + String.join(", ", allowed)));
        }
        return error(res, ctx, ApiException.notFound(ErrorCode.NOT_FOUND, "No such endpoint: " + req.requestMethod() + " " + truncate(path, 200)));
    }

    private static String error(Response res, RequestContext ctx, ApiException e) {
        res.status(e.status());
        if (e.status() == 429 && e.details() != null) {
            res.header("Retry-After", String.valueOf(e.details().get("retry_after_seconds")));
        }
        res.type("application/json");
        try {
            return withLength(res, Json.mapper().writeValueAsString(new ErrorResponse(e.code().name(), e.getMessage(),
                    ctx.requestId(), ctx.traceId(), e.details())));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
