package dev.cycles.admin.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Online backups with SQLite's VACUUM INTO: a consistent snapshot taken from a read transaction,
 * so the server keeps serving (and writing) while it runs. A backup holds every secret digest
 * and audit row, so its file is private to the server's user (0600 where the file system has
 * POSIX permissions) from the moment it exists.
 */
public final class Backup {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private Backup() {
    }

    /**
     * Writes a snapshot of {@code c}'s database to {@code target}, which must not exist. The file
     * is created empty and private first (VACUUM INTO accepts an empty file), so no other user can
     * open it while it fills; a failed snapshot leaves no file behind.
     */
    public static void snapshot(Connection c, Path target) throws SQLException, IOException {
        if (POSIX) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            // The umask may have narrowed the mode further; never wider than 0600.
            Files.setPosixFilePermissions(target, OWNER_FILE);
        } else {
            Files.createFile(target);
        }
        boolean done = false;
        try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
            p.setString(1, target.toAbsolutePath().toString());
            p.execute();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
    }

    /** {@code folder}, created if missing, readable by the server's user only (0700 on POSIX). */
    public static Path privateFolder(Path folder) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(folder);
        }
        if (!Files.isDirectory(folder)) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_FOLDER);
            Files.createDirectories(folder, mode);
        }
        if (!Files.getPosixFilePermissions(folder).equals(OWNER_FOLDER)) {
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
        return folder;
    }

    /** The regular files directly in {@code folder} whose names {@code accept}s. */
    public static List<Path> files(Path folder, Predicate<String> accept) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> accept.test(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Backs up the database file at {@code source} from outside the server (the `backup` command). */
    public static void snapshotFile(Path source, Path target) throws SQLException, IOException {
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no database at " + source);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("backup target already exists: " + target);
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + source.toAbsolutePath())) {
            snapshot(c, target);
        }
    }
}
