package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATABASE_URL as providers print it, turned into what the JDBC driver takes; the password never shown. */
class DatabaseUrlTest {

    @Test
    void theUsualFormWithEncodedCredentialsAndTlsSettings() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://app%40corp:p%3Ass+w%2Fd@db.example.com:6432/cycles?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        assertEquals("app@corp", u.user());
        assertEquals("p:ss+w/d", u.password(), "'+' stays a plus: URLs are not forms");
        assertEquals("db.example.com", u.host());
        assertEquals(6432, u.port());
        assertEquals("cycles", u.database());
        assertEquals("jdbc:postgresql://db.example.com:6432/cycles?sslmode=verify-full&sslrootcert=/etc/ca.pem", u.jdbcUrl());
        assertEquals("postgresql://db.example.com:6432/cycles", u.describe());
    }

    @Test
    void portUserAndPasswordMayBeLeftOut() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://localhost/cycles");
        assertNull(u.user());
        assertNull(u.password());
        assertEquals(DatabaseUrl.DEFAULT_PORT, u.port());
        assertEquals("jdbc:postgresql://localhost:5432/cycles", u.jdbcUrl());
        DatabaseUrl userOnly = DatabaseUrl.parse("postgresql://cycles@127.0.0.1:5555/t");
        assertEquals("cycles", userOnly.user());
        assertNull(userOnly.password());
        DatabaseUrl v6 = DatabaseUrl.parse("postgresql://u:p@[::1]:5432/d");
        assertEquals("jdbc:postgresql://[::1]:5432/d", v6.jdbcUrl());
    }

    @Test
    void toStringMasksEveryPassword() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://app:hunter2@db:5432/cycles?sslmode=require&sslpassword=keypass&password=hunter3");
        String shown = u.toString();
        assertFalse(shown.contains("hunter2") || shown.contains("hunter3") || shown.contains("keypass"), shown);
        assertEquals("postgresql://app:***@db:5432/cycles?sslmode=require&sslpassword=***&password=***", shown);
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsExpected() {
        for (String bad : new String[]{"", "  ", "jdbc:postgresql://h/d", "mysql://h/d", "sqlite:///tmp/x.db", "/var/lib/cycles.db"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("DATABASE_URL"), e.getMessage());
        }
        for (String bad : new String[]{"postgresql://", "postgresql://h", "postgresql://h/", "postgresql://h:port/d",
                "postgresql://h:99999/d", "postgresql://h/d/e", "postgresql://u:p@/d"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("DATABASE_URL"), bad + ": " + e.getMessage());
        }
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgresql://u:p%zz@h/d"));
        assertEquals("DATABASE_URL password has a malformed %-escape", escape.getMessage());
        IllegalArgumentException leak = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u:topsecret@h/d"));
        assertFalse(leak.getMessage().contains("topsecret"), leak.getMessage());
    }
}
