package dev.cycles.admin.server.db;

import java.sql.Connection;

/**
 * A nested savepoint inside the caller's write: {@code work} commits with the transaction, or, if
 * it throws, only its own changes are rolled back and the exception propagates. Bulk actions run
 * each row this way so a failing row never takes the others with it.
 */
public final class Savepoint {
    private Savepoint() {
    }

    public static <T> T run(Connection c, Database.Work<T> work) throws Exception {
        Sql.update(c, "SAVEPOINT nested_row");
        try {
            T result = work.run(c);
            Sql.update(c, "RELEASE nested_row");
            return result;
        } catch (Exception e) {
            Sql.update(c, "ROLLBACK TO nested_row");
            Sql.update(c, "RELEASE nested_row");
            throw e;
        }
    }
}
