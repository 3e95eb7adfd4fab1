package dev.cycles.admin.server.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL {@code DATABASE_URL}: {@code postgresql://user:password@host:port/database?params}
 * (or {@code postgres://}), the form hosting providers and libpq print. User and password may be
 * percent-encoded. The query string goes to the JDBC driver as it is, so TLS is set there
 * ({@code ?sslmode=verify-full&sslrootcert=/path/ca.pem}). {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String user, String password, String host, int port, String database, String query) {
    public static final int DEFAULT_PORT = 5432;

    /** scheme :// [user [: password] @] host-or-[ipv6] [: port] / database [? query] */
    private static final Pattern FORM = Pattern.compile(
            "(?:postgresql|postgres)://(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\\[[0-9A-Fa-f:.]+]|[^:/?#@\\[\\]]+)(?::(\\d{1,5}))?/([^/?#]+)(?:\\?([^#]*))?");

    public DatabaseUrl {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL needs a host");
        }
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL needs a database name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DATABASE_URL port must be between 1 and 65535, got " + port);
        }
    }

    /** Parses {@code text}; anything but a postgresql:// URL naming a host and a database is refused, saying why. */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String t = text.trim();
        if (!t.startsWith("postgresql://") && !t.startsWith("postgres://")) {
            // The text itself may hold a password, so it is not repeated here.
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// or postgres://"
                    + " (postgresql://user:password@host:5432/database); leave it unset to use the SQLite file in DATA_DIR");
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("DATABASE_URL must have the form postgresql://user:password@host:5432/database[?sslmode=...]");
        }
        int port = m.group(4) == null ? DEFAULT_PORT : Integer.parseInt(m.group(4));
        return new DatabaseUrl(decode(m.group(1), "user"), decode(m.group(2), "password"), m.group(3), port,
                decode(m.group(5), "database name"), m.group(6) == null || m.group(6).isEmpty() ? null : m.group(6));
    }

    private static String decode(String part, String what) {
        if (part == null || part.isEmpty()) {
            return null;
        }
        try {
            // URLDecoder would turn '+' into a space, which is a form's rule and not a URL's.
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL " + what + " has a malformed %-escape");
        }
    }

    /** The URL the PostgreSQL JDBC driver takes; user and password go beside it, not in it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    /** Where the database is, for people: host, port and database, never the credentials. */
    public String describe() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** As the URL was given, with the passwords masked (the record's own toString would print them). */
    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + host + ":" + port + "/" + database + (query == null ? "" : "?" + SECRET_PARAM.matcher(query).replaceAll("$1***"));
    }

    /** Query parameters the driver reads secrets from (password=, sslpassword=). */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:^|&)(?:ssl)?password=)[^&]*");
}
