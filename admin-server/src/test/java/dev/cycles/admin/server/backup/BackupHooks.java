package dev.cycles.admin.server.backup;

/** Lets tests outside this package run code inside a backup, while it holds its place. */
public final class BackupHooks {
    private BackupHooks() {
    }

    /** {@code hook} runs at the start of every backup of {@code service} (null removes it). */
    public static void whileRunning(BackupService service, Runnable hook) {
        service.whileRunning = hook;
    }
}
