package dev.cycles.admin.server;

import dev.cycles.admin.server.db.DatabaseUrl;
import dev.cycles.admin.server.db.Durability;
import dev.cycles.admin.server.log.LogFormat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Start-up settings: environment variables, each overridable by a flag of the same meaning. */
public record Config(String adminApiKey, int port, String bind, Path dataDir, int authFailureLimit, int backupRetain,
                     int runtimePort, Durability durability, LogFormat logFormat, boolean logRequests, DatabaseUrl databaseUrl) {

    public static final int DEFAULT_PORT = 7979;
    public static final int DEFAULT_RUNTIME_PORT = 7878;
    /** {@code RUNTIME_PORT=off}: no runtime listener (an admin-only install beside another runtime server). */
    public static final int RUNTIME_OFF = -1;
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Requests without a valid key one client address may send per minute before such requests get 429. */
    public static final int DEFAULT_AUTH_FAILURE_LIMIT = 30;
    /** Backups in DATA_DIR/backups kept after each new one (the newest ones; older ones are deleted). */
    public static final int DEFAULT_BACKUP_RETAIN = 7;
    public static final int MAX_BACKUP_RETAIN = 10_000;

    /** For embedding and tests: the runtime plane listens on a free port (see {@link #withRuntimePort}). */
    public Config(String adminApiKey, int port, String bind, Path dataDir) {
        this(adminApiKey, port, bind, dataDir, DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_BACKUP_RETAIN, 0, Durability.FULL, LogFormat.TEXT, false, null);
    }

    public Config withAuthFailureLimit(int limit) {
        return new Config(adminApiKey, port, bind, dataDir, limit, backupRetain, runtimePort, durability, logFormat, logRequests, databaseUrl);
    }

    public Config withBackupRetain(int retain) {
        return new Config(adminApiKey, port, bind, dataDir, authFailureLimit, retain, runtimePort, durability, logFormat, logRequests, databaseUrl);
    }

    public Config withRuntimePort(int runtime) {
        return new Config(adminApiKey, port, bind, dataDir, authFailureLimit, backupRetain, runtime, durability, logFormat, logRequests, databaseUrl);
    }

    public Config withDurability(Durability mode) {
        return new Config(adminApiKey, port, bind, dataDir, authFailureLimit, backupRetain, runtimePort, mode, logFormat, logRequests, databaseUrl);
    }

    /** The same settings on the PostgreSQL database at {@code url} (null: the SQLite file in the data folder). */
    public Config withDatabaseUrl(DatabaseUrl url) {
        return new Config(adminApiKey, port, bind, dataDir, authFailureLimit, backupRetain, runtimePort, durability, logFormat, logRequests, url);
    }

    /** True when the data lives in PostgreSQL rather than in DATA_DIR's SQLite file. */
    public boolean onPostgres() {
        return databaseUrl != null;
    }

    public boolean runtimeEnabled() {
        return runtimePort != RUNTIME_OFF;
    }

    public static final String HELP = """
            Cycles Admin server

            Usage: java -jar cycles-admin-server.jar [options]
                   java -jar cycles-admin-server.jar backup <target-file> [--data-dir DIR]

            Options (each has an environment variable; the flag wins):
              --admin-api-key KEY   ADMIN_API_KEY  admin key for X-Admin-API-Key. When unset, a random key
                                                   is generated on first start and kept in
                                                   DATA_DIR/admin-api-key (mode 0600).
              --port N              PORT           admin API port (default 7979; 0 picks a free port)
              --runtime-port N      RUNTIME_PORT   runtime API port: reserve, commit, release, extend,
                                                   decide, balances, events (default 7878; 0 picks a
                                                   free port; "off" runs the admin API alone)
              --bind ADDRESS        BIND           address to listen on (default 127.0.0.1, loopback only)
              --data-dir DIR        DATA_DIR       folder holding cycles-admin.db (default: the per-user
                                                   data folder, e.g. ~/.local/share/cycles-admin)
              --database-url URL    DATABASE_URL   keep the data in PostgreSQL instead of the SQLite
                                                   file: postgresql://user:password@host:5432/db;
                                                   several servers may share one database. TLS:
                                                   ?sslmode=verify-full&sslrootcert=/path/ca.pem
                                                   (DATA_DIR still holds the admin and webhook keys)
              --auth-failure-limit N AUTH_FAILURE_LIMIT  requests without a valid key one client
                                                   address may send per minute before those get
                                                   429 (default 30); valid keys are never refused
              --backup-retain N     BACKUP_RETAIN  backups kept in DATA_DIR/backups: after each
                                                   POST /admin/backup only the newest N remain
                                                   (default 7, 1 to 10000)
              --durability MODE     DURABILITY     full (default): every acknowledged write survives a
                                                   power loss (one fsync per group commit); normal: every
                                                   acknowledged write survives a crash of the process, a
                                                   power loss may lose the last moments (no fsync per commit).
                                                   On PostgreSQL normal is synchronous_commit off, full
                                                   keeps the database's own synchronous_commit
              --log-format FORMAT   LOG_FORMAT     text (default) or json: one JSON object per line on
                                                   stdout (timestamp, level, request and trace ids,
                                                   operation, status, duration), for log shippers
              --log-requests on|off LOG_REQUESTS   one line per answered request (default: on with
                                                   LOG_FORMAT=json, off with text)
              --help                               print this text
            """;

    public Path databaseFile() {
        return dataDir.resolve("cycles-admin.db");
    }

    public static Config from(Map<String, String> env, String[] args) {
        String key = blankToNull(env.get("ADMIN_API_KEY"));
        String port = blankToNull(env.get("PORT"));
        String runtimePort = blankToNull(env.get("RUNTIME_PORT"));
        String bind = blankToNull(env.get("BIND"));
        String dir = blankToNull(env.get("DATA_DIR"));
        String authLimit = blankToNull(env.get("AUTH_FAILURE_LIMIT"));
        String retain = blankToNull(env.get("BACKUP_RETAIN"));
        String durability = blankToNull(env.get("DURABILITY"));
        String logFormat = blankToNull(env.get("LOG_FORMAT"));
        String logRequests = blankToNull(env.get("LOG_REQUESTS"));
        String databaseUrl = blankToNull(env.get("DATABASE_URL"));
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (flag) {
                case "--admin-api-key" -> key = need(flag, value);
                case "--port" -> port = need(flag, value);
                case "--runtime-port" -> runtimePort = need(flag, value);
                case "--bind" -> bind = need(flag, value);
                case "--data-dir" -> dir = need(flag, value);
                case "--auth-failure-limit" -> authLimit = need(flag, value);
                case "--backup-retain" -> retain = need(flag, value);
                case "--durability" -> durability = need(flag, value);
                case "--log-format" -> logFormat = need(flag, value);
                case "--log-requests" -> logRequests = need(flag, value);
                case "--database-url" -> databaseUrl = need(flag, value);
                default -> throw new IllegalArgumentException("Unknown option '" + flag + "'. Try --help.");
            }
            i++;
        }
        int portNumber = port("PORT", port, DEFAULT_PORT);
        int runtimeNumber = "off".equalsIgnoreCase(runtimePort) ? RUNTIME_OFF : port("RUNTIME_PORT", runtimePort, DEFAULT_RUNTIME_PORT);
        if (runtimeNumber == portNumber && portNumber != 0) {
            throw new IllegalArgumentException("RUNTIME_PORT and PORT must differ (both are " + portNumber + ")");
        }
        int limit;
        try {
            limit = authLimit == null ? DEFAULT_AUTH_FAILURE_LIMIT : Integer.parseInt(authLimit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AUTH_FAILURE_LIMIT must be a number, got '" + authLimit + "'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("AUTH_FAILURE_LIMIT must be at least 1");
        }
        int keep;
        try {
            keep = retain == null ? DEFAULT_BACKUP_RETAIN : Integer.parseInt(retain);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BACKUP_RETAIN must be a number, got '" + retain + "'");
        }
        if (keep < 1 || keep > MAX_BACKUP_RETAIN) {
            throw new IllegalArgumentException("BACKUP_RETAIN must be between 1 and " + MAX_BACKUP_RETAIN);
        }
        LogFormat format = logFormat == null ? LogFormat.TEXT : LogFormat.parse(logFormat);
        return new Config(key, portNumber, bind == null ? DEFAULT_BIND : bind,
                dir == null ? defaultDataDir(env) : Path.of(dir), limit, keep, runtimeNumber,
                durability == null ? Durability.FULL : Durability.parse(durability),
                format, logRequests == null ? format == LogFormat.JSON : onOff("LOG_REQUESTS", logRequests),
                databaseUrl == null ? null : DatabaseUrl.parse(databaseUrl));
    }

    private static boolean onOff(String name, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, got '" + value + "'");
        };
    }

    private static int port(String name, String value, int fallback) {
        int n;
        try {
            n = value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number" + (name.equals("RUNTIME_PORT") ? " or off" : "")
                    + ", got '" + value + "'");
        }
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535");
        }
        return n;
    }

    /**
     * The per-user data folder of this operating system. The home folder is {@code $HOME} when set:
     * Java's {@code user.home} comes from the password database, so {@code HOME=/tmp/x program}
     * would otherwise still write into the real home (the package smoke test relies on this).
     */
    public static Path defaultDataDir(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String envHome = blankToNull(env.get("HOME"));
        String home = envHome != null && !os.contains("win") ? envHome : System.getProperty("user.home");
        if (os.contains("win") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "cycles-admin");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "cycles-admin");
        }
        String xdg = blankToNull(env.get("XDG_DATA_HOME"));
        return xdg != null ? Path.of(xdg, "cycles-admin") : Path.of(home, ".local", "share", "cycles-admin");
    }

    private static String need(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
