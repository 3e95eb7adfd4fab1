package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.Ids;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * Sits in front of Spark and takes away the framework conveniences that change what a request
 * means: Spark honours {@code X-HTTP-Method-Override} and answers HEAD from a GET route without
 * running it. Here the override header is invisible, HEAD runs the GET route in full (Jetty then
 * drops the body), unknown methods are 405 and a path that is not UTF-8 is a 400, all as JSON.
 */
final class RequestGuard extends HandlerWrapper {
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!METHODS.contains(request.getMethod())) {
            refuse(base, response, 405, "Method " + (request.getMethod().length() > 20 ? "" : request.getMethod() + " ") + "is not supported");
            return;
        }
        String rawPath = base.getHttpURI().getPath();
        if (rawPath == null || !isUtf8PercentEncoding(rawPath)) {
            refuse(base, response, 400, "Request path is not valid UTF-8 percent-encoding");
            return;
        }
        super.handle(target, base, new Guarded(request), response);
    }

    private static void refuse(Request base, HttpServletResponse response, int status, String message) throws IOException {
        base.setHandled(true);
        String requestId = Ids.newRequestId();
        String traceId = Ids.newTraceId();
        byte[] body = ("{\"error\":\"INVALID_REQUEST\",\"message\":\"" + message + "\",\"request_id\":\"" + requestId
                + "\",\"trace_id\":\"" + traceId + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Cycles-Trace-Id", traceId);
        response.setHeader("Connection", "close");
        Dispatcher.SECURITY_HEADERS.forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** True when every %XX escape decodes, and the bytes they and the plain characters form are UTF-8. */
    static boolean isUtf8PercentEncoding(String path) {
        if (isPlainAscii(path)) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return false;
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                return false;
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** No escapes and nothing outside ASCII: valid as it is, without decoding (the common case). */
    private static boolean isPlainAscii(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The request as Spark should see it: no override header, and HEAD dressed as GET. */
    private static final class Guarded extends HttpServletRequestWrapper {
        Guarded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            String m = super.getMethod();
            return m.equals("HEAD") ? "GET" : m;
        }

        @Override
        public String getHeader(String name) {
            return METHOD_OVERRIDE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return METHOD_OVERRIDE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }
}
