package dev.cycles.admin.server.docs;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.RawReply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * A plane's own OpenAPI document at /openapi.yaml and a Swagger UI explorer at /docs. Swagger UI
 * comes from the org.webjars:swagger-ui jar on the class path, so the explorer works offline.
 * Each plane has its own instance over its own document (the page always loads /openapi.yaml
 * from the port it was served on).
 */
public final class DocsHandlers {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** The explorer's files that may be fetched, and their media types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png",
            "oauth2-redirect.html", "text/html; charset=utf-8",
            "oauth2-redirect.js", "text/javascript; charset=utf-8");


    private final byte[] openApi;
    private final byte[] page;
    private final String swaggerUiVersion;

    /** The admin plane's document. */
    public DocsHandlers() {
        this("openapi.yaml", "Cycles Admin API");
    }

    /** {@code document}: a class-path resource; {@code title}: the explorer page's title. */
    public DocsHandlers(String document, String title) {
        this.openApi = resource(document);
        this.swaggerUiVersion = swaggerUiVersion();
        this.page = PAGE.replace("{{title}}", title).getBytes(StandardCharsets.UTF_8);
    }

    public RawReply openApi(Call call) {
        return new RawReply(200, "application/yaml; charset=utf-8", openApi, false);
    }

    public RawReply explorer(Call call) {
        return new RawReply(200, "text/html; charset=utf-8", page, false);
    }

    public RawReply asset(Call call) {
        String name = call.path("file");
        String type = ASSETS.get(name);
        if (type == null) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, "No such explorer file: " + (name.length() > 100 ? name.substring(0, 100) : name));
        }
        return new RawReply(200, type, resource(WEBJAR + swaggerUiVersion + "/" + name), true);
    }

    private static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = DocsHandlers.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocsHandlers.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The explorer. {@code persistAuthorization: false}: a key typed into Authorize lives
     * in the page's memory only, never in localStorage, and is gone when the tab closes.
     */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>{{title}}</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="stylesheet" href="/docs/index.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-ui-standalone-preset.js"></script>
              <script>
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "/openapi.yaml",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    persistAuthorization: false,
                    displayOperationId: true,
                    tryItOutEnabled: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                    layout: "StandaloneLayout",
                    oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect.html"
                  });
                };
              </script>
            </body>
            </html>
            """;
}
