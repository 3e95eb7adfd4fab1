package dev.cycles.admin.server.backup;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Backup;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Online backups into DATA_DIR/backups, bounded: one runs at a time (a second request while one
 * runs is a 409, not a second full copy of the database), each file is private to the server's
 * user, and after each backup only the newest {@code retain} ones remain. Files in the folder
 * that the server did not name itself are never touched.
 */
public final class BackupService {
    private final Clock clock;
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** cycles-admin-&lt;UTC time to the millisecond&gt;[-n].db; n separates backups of the same millisecond. */
    static final Pattern FILE = Pattern.compile("cycles-admin-(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d{1,4}))?\\.db");
    private static final Comparator<Path> OLDEST_FIRST = Comparator
            .comparing((Path p) -> matcher(p).group(1))
            .thenComparingInt(p -> matcher(p).group(2) == null ? 0 : Integer.parseInt(matcher(p).group(2)));

    /** A finished backup. */
    public record Result(Path path, long bytes, Instant createdAt) {
    }

    private final Database db;
    private final AuditTrail audit;
    private final int retain;
    private final Semaphore running = new Semaphore(1);
    /** Test hook: runs inside a backup, while it holds the one place, before the snapshot. */
    volatile Runnable whileRunning;

    public BackupService(Database db, AuditTrail audit, int retain, Clock clock) {
        this.clock = clock;
        if (retain < 1) {
            throw new IllegalArgumentException("retain must be at least 1");
        }
        this.db = db;
        this.audit = audit;
        this.retain = retain;
    }

    /** DATA_DIR/backups, beside the database file; only called on a SQLite server. */
    public Path folder() {
        return db.file().toAbsolutePath().getParent().resolve("backups");
    }

    public Result create(OperationContext ctx) throws IOException {
        if (db.file() == null) {
            // A copy of a shared database is the database's business, and this server may be one of several.
            throw ApiException.conflict(ErrorCode.INVALID_REQUEST, "This server keeps its data in PostgreSQL, which this"
                    + " endpoint cannot copy; back it up with pg_dump (README, \"Backups\")");
        }
        if (!running.tryAcquire()) {
            throw ApiException.conflict(ErrorCode.LIMIT_EXCEEDED,
                    "A backup is already running; only one runs at a time. Retry when it has finished");
        }
        try {
            Runnable hook = whileRunning;
            if (hook != null) {
                hook.run();
            }
            Path dir = Backup.privateFolder(folder());
            Instant now = Now.of(clock);
            Path target = freeName(dir, now);
            db.read(c -> {
                Backup.snapshot(c, target);
                return null;
            });
            db.write(c -> {
                audit.record(c, ctx, 201, AuditTrail.ADMIN_SENTINEL, ResourceType.BACKUP, target.getFileName().toString(), null);
                return null;
            });
            long bytes = Files.size(target);
            prune(dir);
            return new Result(target, bytes, now);
        } finally {
            running.release();
        }
    }

    /** The file name for a backup taken at {@code at}, numbered when one of that millisecond exists. */
    private static Path freeName(Path dir, Instant at) {
        String stem = "cycles-admin-" + NAME.format(at);
        Path candidate = dir.resolve(stem + ".db");
        for (int n = 1; Files.exists(candidate) && n < 10_000; n++) {
            candidate = dir.resolve(stem + "-" + n + ".db");
        }
        return candidate;
    }

    /** Deletes the server's own backups beyond the newest {@code retain}. */
    private void prune(Path dir) {
        try {
            List<Path> backups = Backup.files(dir, name -> FILE.matcher(name).matches());
            backups.sort(OLDEST_FIRST);
            for (Path old : backups.subList(0, Math.max(0, backups.size() - retain))) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            // The new backup is good; an old one that could not be removed is removed next time.
            LOG.warn("could not remove old backups in {}: {}", dir, e.toString());
        }
    }

    private static Matcher matcher(Path p) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p.toString());
        }
        return m;
    }
}
