package dev.cycles.admin.console.common;

/**
 * What every ViewModel needs: the connection, a way to run calls off the UI thread, the status
 * line, and where cross-screen links ("Activity", attention items) lead.
 */
public record Ctx(Session session, Async async, StatusModel status, Nav nav) {

    public Ctx(Session session, Async async, StatusModel status) {
        this(session, async, status, new Nav());
    }

    /** For tests: calls run on the caller's thread. */
    public static Ctx direct(Session session) {
        return new Ctx(session, Async.direct(), new StatusModel());
    }
}
