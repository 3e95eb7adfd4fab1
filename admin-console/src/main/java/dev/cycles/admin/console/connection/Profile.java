package dev.cycles.admin.console.connection;

/**
 * A saved connection: name, server URL, header colour, the admin key only when the user asked
 * to save it (otherwise null: the key lives in memory for the session only), and the runtime
 * plane's URL (null or blank: same host, port 7878).
 */
public record Profile(String name, String url, String colour, String adminKey, String runtimeUrl) {
    public static final String LOCAL_NAME = "Local (embedded)";

    /** A profile saved before the runtime URL existed: the default runtime place. */
    public Profile(String name, String url, String colour, String adminKey) {
        this(name, url, colour, adminKey, null);
    }

    public boolean isLocal() {
        return LOCAL_NAME.equals(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
