package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.Ids;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import spark.ExceptionMapper;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.embeddedserver.jetty.JettyHandler;
import spark.http.matching.MatcherFilter;
import spark.route.Routes;
import spark.ssl.SslStores;
import spark.staticfiles.StaticFilesConfiguration;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Spark's embedded Jetty, configured for an API: no {@code Server} header, and errors raised by
 * Jetty itself (bad URIs, oversized headers) answered as JSON ErrorResponses rather than HTML.
 */
public final class JsonJettyFactory implements EmbeddedServerFactory {

    public static final String IDENTIFIER = "cycles-json-jetty";
    /** Also the longest a blocked body read waits for its next byte (see BoundedBody for the rate). */
    static final int IDLE_TIMEOUT_MILLIS = 10_000;

    @Override
    public EmbeddedServer create(Routes routes, StaticFilesConfiguration files, ExceptionMapper exceptions, boolean multipleHandlers) {
        MatcherFilter filter = new MatcherFilter(routes, files, exceptions, false, multipleHandlers);
        filter.init(null);
        return new Runner(new JettyHandler(filter));
    }

    private static final class Runner implements EmbeddedServer {
        private final JettyHandler handler;
        private Server server;

        Runner(JettyHandler handler) {
            this.handler = handler;
        }

        @Override
        public int ignite(String host, int port, SslStores ssl, int maxThreads, int minThreads, int idleTimeout) throws Exception {
            QueuedThreadPool pool = maxThreads > 0
                    ? new QueuedThreadPool(maxThreads, Math.max(minThreads, 2), idleTimeout > 0 ? idleTimeout : 60_000)
                    : new QueuedThreadPool(200, 8);
            pool.setName("http");
            server = new Server(pool);
            HttpConfiguration config = new HttpConfiguration();
            config.setSendServerVersion(false);
            config.setSendXPoweredBy(false);
            config.setRequestHeaderSize(16 * 1024);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            server.addConnector(connector);
            RequestGuard guard = new RequestGuard();
            guard.setHandler(handler);
            server.setHandler(guard);
            server.setErrorHandler(new JsonErrorHandler());
            server.start();
            return connector.getLocalPort();
        }

        @Override
        public void configureWebSockets(java.util.Map<String, spark.embeddedserver.jetty.websocket.WebSocketHandlerWrapper> handlers,
                                        java.util.Optional<Long> idleTimeout) {
            if (handlers != null && !handlers.isEmpty()) {
                throw new UnsupportedOperationException("this server has no web socket routes");
            }
        }

        @Override
        public void join() throws InterruptedException {
            if (server != null) {
                server.join();
            }
        }

        @Override
        public void extinguish() {
            try {
                if (server != null) {
                    server.stop();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the HTTP server", e);
            }
        }

        @Override
        public int activeThreadCount() {
            return server == null ? 0 : ((QueuedThreadPool) server.getThreadPool()).getBusyThreads();
        }
    }

    /** Jetty-level errors as JSON. */
    static final class JsonErrorHandler extends ErrorHandler {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
            baseRequest.setHandled(true);
            response.setContentType("application/json");
            response.getOutputStream().write(body(response.getStatus(), null).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put("Content-Type", "application/json");
            return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
        }

        private static String body(int status, String reason) {
            String code = status == 401 ? "UNAUTHORIZED" : status == 403 ? "FORBIDDEN" : status == 404 ? "NOT_FOUND"
                    : status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST";
            String message = status == 431 ? "Request headers are too large"
                    : status == 414 ? "Request URI is too long" : status >= 500 ? "Internal error" : "Bad request";
            String traceId = Ids.newTraceId();
            return "{\"error\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"" + traceId
                    + "\",\"trace_id\":\"" + traceId + "\"}";
        }
    }
}
