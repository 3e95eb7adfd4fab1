package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.ResourceType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.core.Check;
import spark.Request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a handler sees of a request: path and query parameters, the parsed body, and its context. */
public final class Call {
    private final Request request;
    private final RouteTable.Match route;
    private final OperationContext ctx;
    private final String body;
    private final Map<String, List<String>> query;

    Call(Request request, RouteTable.Match route, OperationContext ctx, String body) {
        this.request = request;
        this.route = route;
        this.ctx = ctx;
        this.body = body;
        this.query = parseQuery(request.raw().getQueryString());
    }

    public OperationContext ctx() {
        return ctx;
    }

    public Principal principal() {
        return ctx.principal();
    }

    /** Every query parameter as parsed once per request, in order; not to be changed. */
    Map<String, List<String>> queryParams() {
        return query;
    }

    /** A request header, or null. */
    public String header(String name) {
        return request.headers(name);
    }

    public String path(String name) {
        return route.param(name);
    }

    /** A query parameter, or null when absent or empty. */
    public String query(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    /**
     * The path parameter that names the resource this write acts on. It is recorded as the
     * operation's target first, so a request refused later (even for a malformed body) is filed
     * under that resource when the id is well formed.
     */
    public String pathTarget(ResourceType type, String name) {
        String id = path(name);
        ctx.target(type, id);
        return id;
    }

    /** As {@link #pathTarget}, for a resource named by a required query parameter (budgets: ?scope=). */
    public String queryTarget(ResourceType type, String name) {
        String id = query(name);
        ctx.target(type, id);
        if (id == null) {
            throw ApiException.badRequest("Query parameter '" + name + "' is required");
        }
        return id;
    }

    public String requireQuery(String name) {
        String v = query(name);
        if (v == null) {
            throw ApiException.badRequest("Query parameter '" + name + "' is required");
        }
        return v;
    }

    /** A comma-separated (or repeated) list parameter, trimmed and de-duplicated. */
    public List<String> queryList(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().collect(Collectors.toList());
    }

    public <E extends Enum<E>> E queryEnum(String name, Class<E> type) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public Boolean queryBool(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Query parameter '" + name + "' must be true or false");
        };
    }

    public Long queryLong(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be an integer");
        }
    }

    public Double queryDouble(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be a number");
        }
    }

    /**
     * An RFC 3339 date-time parameter, or null when absent; unparseable or outside the accepted
     * years ({@link Check#queryTime}) is a 400 naming the parameter.
     */
    public Instant queryTime(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid value for parameter '" + name + "': " + (v.length() > 64 ? v.substring(0, 64) : v)
                    + " (expected an RFC 3339 date-time such as 2026-01-31T12:00:00Z)");
        }
        return Check.queryTime(t, name);
    }

    public boolean hasBody() {
        return body != null && !body.isBlank();
    }

    /** The body as {@code type}; a missing or malformed body is a 400 that names the problem. */
    public <T> T body(Class<T> type) {
        if (!hasBody()) {
            throw ApiException.badRequest("Request body is required (a JSON object)");
        }
        return parse(type);
    }

    /** The body as {@code type}, or null when the request has no body (optional bodies). */
    public <T> T optionalBody(Class<T> type) {
        return hasBody() ? parse(type) : null;
    }

    private <T> T parse(Class<T> type) {
        String trimmed = body.stripLeading();
        if (!trimmed.startsWith("{")) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        if (escapesNul(body)) {
            // PostgreSQL's text cannot hold U+0000, and names with it cut C strings short in every
            // tool that shows them; refused on both stores alike.
            throw ApiException.badRequest("Request body may not contain the NUL character (\\u0000)");
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("Unknown field '" + path(e) + "'");
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw ApiException.badRequest("Field '" + path(e) + "' has invalid value '" + e.getValue()
                        + "'; allowed: " + Arrays.toString(e.getTargetType().getEnumConstants()));
            }
            throw ApiException.badRequest("Field '" + path(e) + "' has an invalid value");
        } catch (InputCoercionException e) {
            throw ApiException.badRequest("A number in the body is outside the 64-bit integer range");
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("Request body is too deeply nested or too large");
        } catch (MismatchedInputException e) {
            String where = path(e);
            throw ApiException.badRequest(where.isEmpty() ? "Request body does not have the expected shape"
                    : "Field '" + where + "' has the wrong type");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw ApiException.badRequest("A number in the body is outside the 64-bit integer range");
            }
            String where = path(e);
            throw ApiException.badRequest(where.isEmpty() ? "Request body is invalid" : "Field '" + where + "' is invalid");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON in request body");
        }
    }

    /**
     * Whether the JSON text holds the escape backslash-u-0000 (the only way JSON can carry U+0000),
     * as opposed to an escaped backslash followed by the letters "u0000".
     */
    static boolean escapesNul(String json) {
        for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
            int backslashes = 0;
            for (int i = at; i >= 0 && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        String decoded;
        try {
            decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Query string is not valid URL encoding");
        }
        // URLDecoder quietly turns bytes that are not UTF-8 into U+FFFD; a client mistake is a 400 instead.
        if (decoded.indexOf('\uFFFD') >= 0 && s.indexOf('\uFFFD') < 0) {
            throw ApiException.badRequest("Query string is not valid UTF-8 percent-encoding");
        }
        if (decoded.indexOf('\0') >= 0) {
            throw ApiException.badRequest("Query string may not contain the NUL character (%00)");
        }
        return decoded;
    }
}
