package dev.cycles.admin.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionTest {
    /** Every permission that changes state: the *:write names and the runtime mutations. */
    private static final Set<Permission> WRITES = EnumSet.of(
            Permission.RESERVATIONS_CREATE, Permission.RESERVATIONS_COMMIT, Permission.RESERVATIONS_RELEASE,
            Permission.RESERVATIONS_EXTEND, Permission.EVENTS_CREATE,
            Permission.BUDGETS_WRITE, Permission.POLICIES_WRITE, Permission.WEBHOOKS_WRITE, Permission.ADMIN_WRITE,
            Permission.ADMIN_TENANTS_WRITE, Permission.ADMIN_BUDGETS_WRITE, Permission.ADMIN_POLICIES_WRITE,
            Permission.ADMIN_APIKEYS_WRITE, Permission.ADMIN_WEBHOOKS_WRITE);

    @ParameterizedTest
    @EnumSource(Permission.class)
    void everyPermissionIsClassifiedAsReadOrWrite(Permission p) {
        assertEquals(WRITES.contains(p), p.isWrite(), p.wire());
    }

    @ParameterizedTest
    @EnumSource(value = Permission.class, names = {"RESERVATIONS_CREATE", "RESERVATIONS_COMMIT", "RESERVATIONS_RELEASE",
            "RESERVATIONS_EXTEND", "EVENTS_CREATE"})
    void runtimeMutationsAreGrantedByAdminWriteNotAdminRead(Permission p) {
        assertFalse(Permission.grants(List.of(Permission.ADMIN_READ), p), "admin:read must not grant " + p.wire());
        assertTrue(Permission.grants(List.of(Permission.ADMIN_WRITE), p), "admin:write grants " + p.wire());
    }

    @Test
    void readsAreGrantedByAdminReadNotAdminWrite() {
        for (Permission p : List.of(Permission.RESERVATIONS_LIST, Permission.BALANCES_READ, Permission.EVENTS_READ)) {
            assertTrue(Permission.grants(List.of(Permission.ADMIN_READ), p), p.wire());
            assertFalse(Permission.grants(List.of(Permission.ADMIN_WRITE), p), p.wire());
        }
    }

    @Test
    void anExactGrantAlwaysWorks() {
        assertTrue(Permission.grants(List.of(Permission.EVENTS_CREATE), Permission.EVENTS_CREATE));
        assertFalse(Permission.grants(List.of(Permission.BALANCES_READ), Permission.EVENTS_CREATE));
    }
}
