package dev.cycles.admin.server.reservation;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.reservation.RuntimeSteps.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The two public evidence paths: this server emits no evidence, so both say "not found" (and 400 for an impossible id). */
class EvidencePathsTest extends ServerTest {
    static final String ID = "0123456789abcdef".repeat(4);

    @Test
    void aWellFormedIdIsNotFoundWithoutAnyKey() {
        Api.Res res = server.runtimeAnonymous().get("/v1/evidence/" + ID);
        assertError(res, 404, "NOT_FOUND");
        assertNotNull(res.header("X-Request-Id"));
        assertError(server.runtimeAnonymous().withKey("X-Cycles-API-Key", "cyc_live_garbage").get("/v1/evidence/" + ID), 404, "NOT_FOUND");
    }

    @Test
    void anIdThatIsNotSixtyFourLowercaseHexIsABadRequest() {
        for (String bad : List.of(ID.toUpperCase(), ID.substring(1), ID + "0", "g".repeat(64), "evidence")) {
            assertError(server.runtimeAnonymous().get("/v1/evidence/" + bad), 400, "INVALID_REQUEST");
        }
    }

    @Test
    void theSignerKeySetIsNotPublished() {
        Api.Res res = server.runtimeAnonymous().get("/v1/.well-known/cycles-jwks.json");
        assertError(res, 404, "NOT_FOUND");
        assertEquals(true, res.text("message").contains("key set"), res.body());
        assertEquals(405, server.runtimeAnonymous().unchecked().post("/v1/.well-known/cycles-jwks.json", "{}").status());
    }

    /**
     * Each listener answers unknown paths from its own route table (Spark keeps one static
     * not-found page for all listeners; the dispatchers register per-listener catch-alls instead).
     */
    @Test
    void eachPortAnswersUnknownPathsFromItsOwnRoutes() {
        Api.Res admin = server.anonymous().unchecked().get("/v1/evidence/" + ID);
        assertEquals(404, admin.status(), admin.body());
        assertEquals(404, server.anonymous().unchecked().get("/v1/reservations").status(), "a runtime path is unknown on the admin port");
        Api.Res put = server.anonymous().unchecked().put("/v1/admin/tenants", "{}");
        assertEquals(405, put.status(), put.body());
        assertEquals("POST, GET", put.header("Allow"));
        Api.Res runtime = server.runtimeAnonymous().unchecked().put("/v1/reservations", "{}");
        assertEquals(405, runtime.status(), runtime.body());
        assertEquals("POST, GET", runtime.header("Allow"));
        assertEquals(404, server.runtimeAnonymous().unchecked().get("/v1/admin/tenants").status(), "an admin path is unknown on the runtime port");
    }
}
