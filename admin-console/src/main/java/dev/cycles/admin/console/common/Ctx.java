package dev.cycles.admin.console.common;

/** What every ViewModel needs: the connection, a way to run calls off the UI thread, the status line. */
public record Ctx(Session session, Async async, StatusModel status) {

    /** For tests: calls run on the caller's thread. */
    public static Ctx direct(Session session) {
        return new Ctx(session, Async.direct(), new StatusModel());
    }
}
