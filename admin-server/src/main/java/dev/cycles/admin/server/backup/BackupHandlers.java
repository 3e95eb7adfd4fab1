package dev.cycles.admin.server.backup;

import dev.cycles.admin.server.Time;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Backup;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.Reply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /admin/backup: a consistent copy of the database into DATA_DIR/backups, taken online. */
public final class BackupHandlers {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Database db;
    private final AuditTrail audit;

    public BackupHandlers(Database db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    public Reply create(Call call) throws Exception {
        Path dir = db.file().toAbsolutePath().getParent().resolve("backups");
        Files.createDirectories(dir);
        Instant now = Time.now();
        Path target = dir.resolve("cycles-admin-" + NAME.format(now) + ".db");
        db.read(c -> {
            Backup.snapshot(c, target);
            return null;
        });
        db.write(c -> {
            audit.record(c, call.ctx(), 201, AuditTrail.ADMIN_SENTINEL, "backup", target.getFileName().toString(), null);
            return null;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", target.toString());
        out.put("bytes", Files.size(target));
        out.put("created_at", now);
        return Reply.created(out);
    }
}
