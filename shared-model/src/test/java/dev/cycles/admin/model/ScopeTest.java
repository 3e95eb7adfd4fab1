package dev.cycles.admin.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // reference transcript 96-104, 106
            "acme-corp", "tenant:", "tenant:acme-corp//agent:x", "tenant:acme-corp/agent:",
            "tenant:acme-corp/agent:a b", "tenant:acme-corp/Agent:x", "tenant:acme-corp/agent:*",
            "tenant:acme-corp/foo:bar", "tenant:acme-corp/agent:x/",
            // rooting, order, repeats
            "workspace:eng", "/tenant:a", "tenant:a/tenant:b", "tenant:a/agent:x/workspace:eng",
            "tenant:a/workspace:x/workspace:y", "tenant:a/toolset:t/agent:a", "TENANT:a",
            // wildcards and charset
            "tenant:*", "tenant:a*", "tenant:a/workspace:e*g", "tenant:-a", "tenant:a-", "tenant:a.",
            "tenant:_a", "tenant:a_", "tenant:a/b", "tenant:a:b", "tenant:a%b", "tenant:é", "tenant:a b",
            ":a", "tenant", "", " ", "tenant:a/ ", "tenant:a/:x"
    })
    void rejectsInvalidScopes(String raw) {
        assertThrows(Scope.InvalidScopeException.class, () -> Scope.parse(raw), raw);
        assertFalse(Scope.isValid(raw), raw);
    }

    @Test
    void rejectsNull() {
        assertThrows(Scope.InvalidScopeException.class, () -> Scope.parse(null));
        assertFalse(Scope.isValid(null));
    }

    @Test
    void acceptsTheFullCanonicalChain() {
        // transcript 105
        String raw = "tenant:acme-corp/workspace:eng/app:web/workflow:w/agent:a/toolset:t";
        Scope s = Scope.parse(raw);
        assertEquals(raw, s.canonical());
        assertEquals(6, s.segments().size());
        assertEquals(Scope.KINDS, s.segments().stream().map(Scope.Segment::kind).toList());
        assertEquals("acme-corp", s.tenantId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant:a", "tenant:acme-corp", "tenant:a/agent:x", "tenant:a/workspace:eng/toolset:t",
            "tenant:a1/app:web.v2/workflow:w_1/agent:a-b", "tenant:0", "tenant:a/app:x.y_z-9"})
    void acceptsValidScopesWithGaps(String raw) {
        Scope s = Scope.parse(raw);
        assertEquals(raw, s.canonical());
        assertEquals(s.canonical(), s.toString());
        assertTrue(Scope.isValid(raw));
    }

    @Test
    void lowerCasesIds() {
        Scope s = Scope.parse("tenant:ACME-Corp/workspace:Eng/agent:Bot_1");
        assertEquals("tenant:acme-corp/workspace:eng/agent:bot_1", s.canonical());
        assertEquals("acme-corp", s.tenantId());
        assertEquals(new Scope.Segment("agent", "bot_1"), s.segments().get(2));
    }

    @Test
    void idLengthLimitIs128() {
        String ok = "a".repeat(128);
        assertEquals("tenant:" + ok, Scope.parse("tenant:" + ok).canonical());
        assertTrue(Scope.isValidId(ok));
        String tooLong = "a".repeat(129);
        assertThrows(Scope.InvalidScopeException.class, () -> Scope.parse("tenant:" + tooLong));
        assertThrows(Scope.InvalidScopeException.class, () -> Scope.parse("tenant:a/agent:" + tooLong));
        assertFalse(Scope.isValidId(tooLong));
    }

    @Test
    void wholeScopeLengthLimit() {
        StringBuilder sb = new StringBuilder("tenant:a");
        // six segments of 128 fit under 1024; a raw string over 1024 is refused outright
        String raw = "tenant:" + "a".repeat(128) + "/workspace:" + "b".repeat(128) + "/app:" + "c".repeat(128)
                + "/workflow:" + "d".repeat(128) + "/agent:" + "e".repeat(128) + "/toolset:" + "f".repeat(128);
        assertTrue(raw.length() <= 1024);
        assertTrue(Scope.isValid(raw));
        sb.append("/agent:").append("x".repeat(1100));
        assertThrows(Scope.InvalidScopeException.class, () -> Scope.parse(sb.toString()));
    }

    @Test
    void isValidIdCharset() {
        assertTrue(Scope.isValidId("Abc-1.2_3"));
        assertFalse(Scope.isValidId("a b"));
        assertFalse(Scope.isValidId("a*"));
        assertFalse(Scope.isValidId("-a"));
        assertFalse(Scope.isValidId(""));
    }

    @Test
    void isWithinIsSegmentAware() {
        assertTrue(Scope.isWithin("tenant:a/workspace:eng", "tenant:a/workspace:eng"));
        assertTrue(Scope.isWithin("tenant:a/workspace:eng/agent:x", "tenant:a/workspace:eng"));
        assertFalse(Scope.isWithin("tenant:a/workspace:engineering", "tenant:a/workspace:eng"));
        assertFalse(Scope.isWithin("tenant:ab", "tenant:a"));
        assertTrue(Scope.isWithin("tenant:a/agent:x", "tenant:a"));
    }

    @Test
    void allowedByScopeFilter() {
        Scope s = Scope.parse("tenant:acme/workspace:eng/agent:bot");
        assertTrue(s.allowedBy(null));
        assertTrue(s.allowedBy(List.of()));
        assertTrue(s.allowedBy(List.of("workspace:eng")));
        assertTrue(s.allowedBy(List.of("workspace:ENG")), "filter ids compare lower-cased");
        assertTrue(s.allowedBy(List.of("agent:bot")));
        assertTrue(s.allowedBy(List.of("tenant:acme")));
        assertTrue(s.allowedBy(List.of("agent:*")));
        assertTrue(s.allowedBy(List.of("workspace:other", "agent:bot")), "any entry may match");
        assertFalse(s.allowedBy(List.of("workspace:en")), "no prefix match on ids");
        assertFalse(s.allowedBy(List.of("workspace:engineering")));
        assertFalse(s.allowedBy(List.of("app:*")));
        assertFalse(s.allowedBy(List.of("agent:eng")), "kind must match as well as id");
        assertFalse(s.allowedBy(List.of("garbage")), "malformed entries match nothing");
        assertFalse(Scope.parse("tenant:acme").allowedBy(List.of("workspace:*")));
    }
}
