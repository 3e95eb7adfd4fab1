package dev.cycles.admin.server.backup;

import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.Reply;

import java.util.LinkedHashMap;
import java.util.Map;

/** POST /admin/backup: a consistent copy of the database into DATA_DIR/backups, taken online. */
public final class BackupHandlers {
    private final BackupService service;

    public BackupHandlers(BackupService service) {
        this.service = service;
    }

    public Reply create(Call call) throws Exception {
        BackupService.Result backup = service.create(call.ctx());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", backup.path().toString());
        out.put("bytes", backup.bytes());
        out.put("created_at", backup.createdAt());
        return Reply.created(out);
    }
}
