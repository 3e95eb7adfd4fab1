package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.client.RuntimeApi;
import dev.cycles.admin.console.client.RuntimeClient;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The connection the screens talk through, and how it is labelled in the window header. */
public final class Session {
    private final ObjectProperty<AdminApi> client = new SimpleObjectProperty<>();
    private final ObjectProperty<RuntimeApi> runtime = new SimpleObjectProperty<>();
    private final StringProperty label = new SimpleStringProperty("Not connected");
    private final StringProperty colour = new SimpleStringProperty("#6e7781");
    /** The last failure to reach the server (null once any call gets through): lists say so instead of "no rows". */
    private final ObjectProperty<AdminApiException> problem = new SimpleObjectProperty<>();
    /** What the connected key may do, from GET /v1/auth/introspect (null: not connected). */
    private final ObjectProperty<dev.cycles.admin.model.AuthIntrospectResponse> access = new SimpleObjectProperty<>();
    public static final String DISCONNECTED_COLOUR = "#6e7781";

    public ObjectProperty<AdminApi> clientProperty() {
        return client;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty colourProperty() {
        return colour;
    }

    /** The connected client, or a NOT_CONNECTED error for the status line. */
    public AdminApi client() {
        AdminApi c = client.get();
        if (c == null) {
            throw new AdminApiException("NOT_CONNECTED", "Not connected to a server; open Connection first", null);
        }
        return c;
    }

    /** The runtime plane (reservations), or a NOT_CONNECTED error. */
    public RuntimeApi runtime() {
        RuntimeApi r = runtime.get();
        if (r == null) {
            throw new AdminApiException("NOT_CONNECTED", "Not connected to a server; open Connection first", null);
        }
        return r;
    }

    public ObjectProperty<RuntimeApi> runtimeProperty() {
        return runtime;
    }

    /** Connects with the runtime plane at its default place (same host, port 7878). */
    public void connect(AdminClient c, String name, String colourHex) {
        connect(c, c.runtimeClient(RuntimeClient.defaultUrl(c.baseUrl())), name, colourHex);
    }

    public void connect(AdminApi c, RuntimeApi rt, String name, String colourHex) {
        problem.set(null);
        runtime.set(rt);
        client.set(c);
        label.set(name == null || name.isBlank() || c.baseUrl().startsWith(name) ? c.baseUrl() : name + "  ·  " + c.baseUrl());
        colour.set(colourHex);
    }

    /** Forgets the connection: the screens go to their "not connected" state and stop polling. */
    public void disconnect() {
        problem.set(null);
        access.set(null);
        client.set(null);
        runtime.set(null);
        label.set("Not connected");
        colour.set(DISCONNECTED_COLOUR);
    }

    public ObjectProperty<AdminApiException> problemProperty() {
        return problem;
    }

    public ObjectProperty<dev.cycles.admin.model.AuthIntrospectResponse> accessProperty() {
        return access;
    }
}
