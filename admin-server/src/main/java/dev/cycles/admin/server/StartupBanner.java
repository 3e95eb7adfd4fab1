package dev.cycles.admin.server;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server says once it listens: where each plane is, which database and durability, where
 * the admin key came from, and what to try next. The first line keeps the form
 * "listening on http://host:port" that scripts and the package smoke test look for.
 */
record StartupBanner(String version, Config config, int adminPort, int runtimePort, AdminKeySource key) {

    List<String> lines() {
        String admin = url(config.bind(), adminPort);
        List<String> lines = new ArrayList<>();
        lines.add("Cycles Admin " + version + " listening on " + admin + " (admin API)"
                + (runtimePort < 0 ? ", runtime API off" : ", runtime API on " + url(config.bind(), runtimePort)));
        lines.add("  database   " + database(config) + " (durability " + config.durability().label() + ")");
        String local = url(loopbackFor(config.bind()), adminPort);
        if (key.generated()) {
            lines.add("  admin key  generated on this first start into " + key.file() + " (readable by its owner only); try it:");
            lines.add("             curl -H \"X-Admin-API-Key: $(cat " + key.file() + ")\" " + local + "/v1/admin/tenants");
        } else {
            lines.add("  admin key from " + key.description());
        }
        lines.add("  next       curl " + local + "/health   |   API explorer " + local + "/docs"
                + "   |   curl examples: README, \"Using it with curl\"");
        return lines;
    }

    /** The SQLite file, or the PostgreSQL host, port and database (never the credentials). */
    static String database(Config config) {
        return config.onPostgres() ? "PostgreSQL " + config.databaseUrl().describe()
                : config.databaseFile().toAbsolutePath().toString();
    }

    /** Where a curl on this machine reaches a server that listens on every address. */
    private static String loopbackFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    private static String url(String host, int port) {
        boolean v6 = host.contains(":") && !host.startsWith("[");
        return "http://" + (v6 ? "[" + host + "]" : host) + ":" + port;
    }
}
