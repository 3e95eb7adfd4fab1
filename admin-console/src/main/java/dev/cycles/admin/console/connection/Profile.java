package dev.cycles.admin.console.connection;

/**
 * A saved connection: name, server URL, header colour, and the admin key only when the user asked
 * to save it (otherwise null: the key lives in memory for the session only).
 */
public record Profile(String name, String url, String colour, String adminKey) {
    public static final String LOCAL_NAME = "Local (embedded)";

    public boolean isLocal() {
        return LOCAL_NAME.equals(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
