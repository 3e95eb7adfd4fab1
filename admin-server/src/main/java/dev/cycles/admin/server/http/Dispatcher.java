package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.ErrorResponse;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.metrics.Metrics;
import dev.cycles.admin.server.metrics.RouteMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    /**
     * On every answer: no content sniffing, and no framing by another site (the /docs explorer
     * is where an operator types the admin key; a JSON API never needs to be framed either).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /**
     * Answers are encoded straight to UTF-8 bytes, which Spark writes as they are (a String was
     * encoded twice: once for Content-Length, once by Spark). Characters outside the BMP are written
     * as UTF-8, as String.getBytes did, rather than Jackson's default (each UTF-16 half escaped).
     */
    private static final ObjectWriter BODY_WRITER = Json.mapper().writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    private final Authentication authentication;
    private final OutcomeRecorder outcomes;
    private final List<Route> routes;
    private final RouteTable table;
    private final Plane plane;
    private final Metrics metrics;
    /** Requests that matched no route (404, 405, Spark's own 500s) share one operation label. */
    private final RouteMeter unmatchedMeter;
    /** One meter per route, resolved once so a request only records (no registry lookup). */
    private final Map<Route, RouteMeter> meters = new IdentityHashMap<>();

    public Dispatcher(Authentication authentication, OutcomeRecorder outcomes, List<Route> routes, Plane plane, Metrics metrics) {
        this.authentication = authentication;
        this.outcomes = outcomes;
        this.routes = routes;
        this.table = new RouteTable(routes);
        this.plane = plane;
        this.metrics = metrics;
        this.unmatchedMeter = metrics.route(plane.name(), "unknown");
        for (Route r : routes) {
            meters.put(r, metrics.route(plane.name(), r.operation()));
        }
    }

    /**
     * Serves the dispatcher {@code plane} will hold on {@code http}. The listener may start before
     * the services behind it are wired (start-up overlaps the two); a request that arrives in
     * between waits for them, and fails with a 500 if they never come.
     */
    public static void serve(Service http, CompletableFuture<Dispatcher> plane) {
        // Spark sees one catch-all per method; the route is found in a table split once (RouteTable),
        // which also keeps each plane's 404/405 about its own table (Spark's notFound page is JVM-wide).
        spark.Route dispatch = (req, res) -> plane.join().dispatch(req, res);
        http.get("*", dispatch);
        http.post("*", dispatch);
        http.put("*", dispatch);
        http.patch("*", dispatch);
        http.delete("*", dispatch);
        http.options("*", dispatch);
        http.notFound((req, res) -> plane.join().unmatched(req, res));
        http.internalServerError((req, res) -> plane.join().internalError(req, res));
    }

    private Object internalError(Request req, Response res) {
        long started = System.nanoTime();
        OperationContext ctx = context(req, res, "unknown");
        RequestLog.answered(plane, ctx, req.requestMethod(), truncate(req.pathInfo(), 200), 500, started);
        unmatchedMeter.record(500, System.nanoTime() - started);
        return error(res, ctx, new ApiException(500, ErrorCode.INTERNAL_ERROR, "Internal error"));
    }

    private Object dispatch(Request req, Response res) {
        RouteTable.Match match = table.find(req.requestMethod(), req.raw().getRequestURI());
        return match == null ? unmatched(req, res) : handle(match, req, res);
    }

    private Object handle(RouteTable.Match match, Request req, Response res) {
        Route route = match.route();
        RouteMeter meter = meters.get(route);
        long started = System.nanoTime();
        OperationContext ctx = context(req, res, route.operation());
        int status = 500;
        String errorCode = null;
        String body = null;
        boolean bodyRead = false;
        try {
            authentication.authenticate(route.auth(), adminKey(route, req), req.headers("X-Cycles-API-Key"), ctx);
            if (plane.tenantHeader() && ctx.principal() instanceof Principal.TenantKey key) {
                res.header("X-Cycles-Tenant", key.tenantId());
            }
            if (route.isWrite()) {
                body = readBody(req);
                bodyRead = true;
            }
            Object out = route.handler().handle(new Call(req, match, ctx, body));
            if (out instanceof RawReply raw) {
                status = raw.status();
                res.status(status);
                res.type(raw.contentType());
                if (raw.cacheable()) {
                    res.raw().setHeader("Cache-Control", "public, max-age=3600");
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
            byte[] json = BODY_WRITER.writeValueAsBytes(reply.body());
            res.raw().setContentLength(json.length);
            return json;
        } catch (ApiException raised) {
            ApiException e = plane.translate(raised);
            status = e.status();
            errorCode = e.code().name();
            return error(res, ctx, e);
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
            boolean unrecordedWrite = plane.auditEveryWrite() && route.isWrite() && (errorCode != null || !ctx.audited());
            if (!ctx.summarised() && (unrecordedWrite || failedAuthentication)) {
                recordOutcome(ctx, route, status, errorCode);
            }
            RequestLog.answered(plane, ctx, req.requestMethod(), truncate(req.pathInfo(), 200), status, started);
            meter.record(status, System.nanoTime() - started);
        }
    }

    /**
     * The admin key as sent in X-Admin-API-Key or, on routes that allow it (GET /metrics, for
     * scrapers that send bearer tokens natively), as {@code Authorization: Bearer <key>}.
     */
    private static String adminKey(Route route, Request req) {
        String key = req.headers("X-Admin-API-Key");
        if (key != null || !route.auth().bearer()) {
            return key;
        }
        String authorization = req.headers("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private void recordOutcome(OperationContext ctx, Route route, int status, String errorCode) {
        try {
            outcomes.record(ctx, route.resourceType(), status, errorCode);
        } catch (RuntimeException e) {
            LOG.error("could not write audit row for request_id={}", ctx.requestId(), e);
        }
    }

    private OperationContext context(Request req, Response res, String operation) {
        String traceId = Correlation.traceId(req.headers("traceparent"), req.headers("X-Cycles-Trace-Id"));
        OperationContext ctx = new OperationContext(Ids.newRequestId(), traceId, req.ip(),
                truncate(req.userAgent(), MAX_USER_AGENT), operation);
        ctx.inboundTraceFlags(Correlation.traceFlags(req.headers("traceparent")));
        res.header("X-Request-Id", ctx.requestId());
        res.header("X-Cycles-Trace-Id", traceId);
        res.header("Cache-Control", "no-store");
        SECURITY_HEADERS.forEach(res::header);
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
        long started = System.nanoTime();
        OperationContext ctx = context(req, res, "unknown");
        closeIfBodyUnread(req, res, false);
        String path = req.pathInfo();
        List<String> allowed = routes.stream().filter(r -> r.matchesPath(path)).map(Route::method).distinct()
                .collect(Collectors.toList());
        if (!allowed.isEmpty()) {
            res.header("Allow", String.join(", ", allowed));
            RequestLog.answered(plane, ctx, req.requestMethod(), truncate(path, 200), 405, started);
            unmatchedMeter.record(405, System.nanoTime() - started);
            return error(res, ctx, new ApiException(405, ErrorCode.INVALID_REQUEST,
                    "Method " + req.requestMethod() + " is not allowed here; use " + String.join(", ", allowed)));
        }
        RequestLog.answered(plane, ctx, req.requestMethod(), truncate(path, 200), 404, started);
        unmatchedMeter.record(404, System.nanoTime() - started);
        return error(res, ctx, ApiException.notFound(ErrorCode.NOT_FOUND, "No such endpoint: " + req.requestMethod() + " " + truncate(path, 200)));
    }

    private static String error(Response res, OperationContext ctx, ApiException e) {
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
