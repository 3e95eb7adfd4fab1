package dev.cycles.admin.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in its own JVM, as `java -jar` would run it, for tests that kill it or bound its heap.
 * On a PostgreSQL test run it uses the database of its data folder, as a {@link TestServer} over
 * the same folder does, so a test can look at what a killed child left with a server of its own.
 */
public final class ChildServer {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RUNTIME = Pattern.compile("runtime API on http://127\\.0\\.0\\.1:(\\d+)");

    /** The ports a started child listens on; {@code runtime} is -1 when the runtime plane is off. */
    public record Ports(int admin, int runtime) {
    }

    private ChildServer() {
    }

    /** Starts the server over {@code dir} with extra JVM options (for example -Xmx96m). */
    public static Process start(Path dir, String... jvmOptions) throws IOException {
        return start(dir, List.of(), jvmOptions);
    }

    /**
     * As {@link #start(Path, String...)} with further server flags (for example --durability normal);
     * a {@code --database-url} among them replaces the data folder's own test database.
     */
    public static Process start(Path dir, List<String> serverFlags, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cycles.admin.server.AdminServer",
                "--port", "0", "--runtime-port", "0", "--data-dir", dir.toString(), "--admin-api-key", TestServer.ADMIN_KEY));
        if (TestServer.onPostgres() && !serverFlags.contains("--database-url")) {
            cmd.addAll(List.of("--database-url", TestServer.databaseUrl(dir)));
        }
        cmd.addAll(serverFlags);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Waits for the start-up line and returns the admin port; the child's later output is drained so it never blocks. */
    public static int awaitPort(Process p) throws IOException {
        return awaitPorts(p).admin();
    }

    /** As {@link #awaitPort} with both planes' ports. */
    public static Ports awaitPorts(Process p) throws IOException {
        return awaitPorts(p, line -> { });
    }

    /** As {@link #awaitPorts(Process)}, handing every line the child writes (the start-up line too) to {@code lines}. */
    public static Ports awaitPorts(Process p, Consumer<String> lines) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            lines.accept(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        String more;
                        while ((more = out.readLine()) != null) {
                            lines.accept(more);
                        }
                    } catch (IOException gone) {
                        // the child stopped or was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                Matcher runtime = RUNTIME.matcher(line);
                return new Ports(Integer.parseInt(m.group(1)), runtime.find() ? Integer.parseInt(runtime.group(1)) : -1);
            }
        }
        throw new AssertionError("child server did not start");
    }
}
