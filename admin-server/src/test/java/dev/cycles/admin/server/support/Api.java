package dev.cycles.admin.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real HTTP client against a test server. Every response is checked against the plane's own
 * document (openapi.yaml or runtime-openapi.yaml) and its public spec (when present) unless the
 * call is made through {@link #unchecked()}.
 */
public final class Api {
    /**
     * One connection pool per server: a port freed by a stopped test server is soon handed to the
     * next one, and a pool shared across servers would reuse a dead keep-alive connection.
     */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Which documents a client's responses are checked against: those of the plane it talks to. */
    public enum Contract {
        ADMIN, RUNTIME;

        List<ContractValidator> validators() {
            List<ContractValidator> out = new java.util.ArrayList<>();
            out.add(this == ADMIN ? ContractValidator.ownSpec() : ContractValidator.ownRuntimeSpec());
            ContractValidator spec = this == ADMIN ? ContractValidator.cyclesSpec() : ContractValidator.runtimeSpec();
            if (spec != null) {
                out.add(spec);
            }
            return out;
        }
    }

    private final HttpClient client;

    private final String base;
    private final String headerName;
    private final String key;
    private final boolean checked;
    private final Contract contract;

    Api(HttpClient client, String base, String headerName, String key, boolean checked) {
        this(client, base, headerName, key, checked, Contract.ADMIN);
    }

    Api(HttpClient client, String base, String headerName, String key, boolean checked, Contract contract) {
        this.client = client;
        this.base = base;
        this.headerName = headerName;
        this.key = key;
        this.checked = checked;
        this.contract = contract;
    }

    /** The same client without contract checks, for requests and answers the spec does not describe. */
    public Api unchecked() {
        return new Api(client, base, headerName, key, false, contract);
    }

    public Api withKey(String header, String value) {
        return new Api(client, base, header, value, checked, contract);
    }

    public Res get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Res post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Res patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public Res put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Res delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Res send(String method, String path, String body, String contentType, String... extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header(headerName, key);
        }
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Res res = new Res(r.statusCode(), r.body(), r.headers());
            if (checked) {
                check(contract, method, path, res);
            }
            return res;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Checks the response against the plane's own document and, when present, its public spec. */
    private static void check(Contract contract, String method, String path, Res res) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String type = res.headers().firstValue("Content-Type").orElse(null);
        List<String> problems = new java.util.ArrayList<>();
        for (ContractValidator v : contract.validators()) {
            problems.addAll(v.problems(method, pathOnly, res.status(), type, res.body()));
        }
        if (!problems.isEmpty()) {
            fail(method + " " + path + " -> " + res.status() + " does not match the contract:\n  "
                    + String.join("\n  ", problems) + "\nbody: " + res.body());
        }
    }

    /** A response: status, raw body, headers, and the body as JSON. */
    public record Res(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("body is not JSON: " + body, e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        public String error() {
            return json().path("error").asText();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
