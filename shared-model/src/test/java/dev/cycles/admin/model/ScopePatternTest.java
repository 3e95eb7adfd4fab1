package dev.cycles.admin.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopePatternTest {

    @ParameterizedTest
    @CsvSource({
            "tenant:acme-corp, tenant:acme-corp, false",
            "tenant:acme-corp/*, tenant:acme-corp/*, true",
            "tenant:acme-corp/agent:*, tenant:acme-corp/agent:*, false",
            "TENANT:ACME-CORP/Agent:*, , ",
            "tenant:ACME-Corp/workspace:Eng/*, tenant:acme-corp/workspace:eng/*, true",
            "tenant:a1b/workspace:eng/app:*, tenant:a1b/workspace:eng/app:*, false",
            "tenant:acme/workspace:eng/app:web/workflow:w/agent:a/toolset:*, tenant:acme/workspace:eng/app:web/workflow:w/agent:a/toolset:*, false"
    })
    void parsesValidPatterns(String raw, String canonical, Boolean descendants) {
        if (canonical == null) {
            assertFalse(ScopePattern.isValid(raw), raw);
            return;
        }
        ScopePattern p = ScopePattern.parse(raw);
        assertEquals(canonical, p.canonical());
        assertEquals(descendants, p.descendants());
        assertEquals(canonical, p.toString());
        assertTrue(ScopePattern.isValid(raw));
    }

    @Test
    void tenantIdIsTheFirstSegment() {
        assertEquals("acme-corp", ScopePattern.parse("tenant:Acme-Corp/agent:*").tenantId());
        assertEquals("acme-corp", ScopePattern.parse("tenant:acme-corp/*").tenantId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // reference transcript 107-109, 112
            "*", "tenant:acme-corp/**", "agent:*", "",
            // the spec's own examples the grammar rejects: no tenant, or a wildcard tenant
            "*/agent:summarizer", "tenant:*", "tenant:*/agent:x",
            // wildcards only as a whole last id or a bare last segment
            "tenant:a/agent:*/toolset:t", "tenant:a/workspace:*/*", "tenant:a/*/agent:x", "tenant:a/*/*",
            "tenant:a/agent:bo*", "tenant:a/agent:**", "tenant:a*", "tenant:a/*agent:x",
            // the budget grammar still applies
            "tenant:a/foo:*", "tenant:a/agent:x/workspace:*", "tenant:a/agent:x/agent:*", "tenant:a//agent:x",
            "tenant:a/agent:", "tenant:a/", "/tenant:a", "tenant:a/agent:a b", "tenant:", " "
    })
    void rejectsInvalidPatterns(String raw) {
        assertThrows(ScopePattern.InvalidPatternException.class, () -> ScopePattern.parse(raw), raw);
        assertFalse(ScopePattern.isValid(raw), raw);
    }

    @Test
    void rejectsNullAndOverlongPatterns() {
        assertThrows(ScopePattern.InvalidPatternException.class, () -> ScopePattern.parse(null));
        assertThrows(ScopePattern.InvalidPatternException.class,
                () -> ScopePattern.parse("tenant:a/agent:" + "x".repeat(1100)));
    }

    @Test
    void errorMessagesNameTheRule() {
        assertEquals("scope_pattern must start with a concrete 'tenant:<id>' before any wildcard",
                assertThrows(ScopePattern.InvalidPatternException.class, () -> ScopePattern.parse("*")).getMessage());
        assertTrue(assertThrows(ScopePattern.InvalidPatternException.class,
                () -> ScopePattern.parse("tenant:a/agent:x/workspace:y")).getMessage().startsWith("scope_pattern segment"));
    }

    @ParameterizedTest
    @CsvSource({
            // exact pattern: that scope only
            "tenant:acme, tenant:acme, true",
            "tenant:acme, tenant:acme/agent:bot, false",
            "tenant:acme, tenant:acme-corp, false",
            "tenant:acme/agent:bot, tenant:acme/agent:bot, true",
            "tenant:acme/agent:bot, tenant:acme/agent:bot2, false",
            // last id wildcard: any id of that kind at that position, nothing deeper
            "tenant:acme/agent:*, tenant:acme/agent:bot, true",
            "tenant:acme/agent:*, tenant:acme/agent:summarizer, true",
            "tenant:acme/agent:*, tenant:acme, false",
            "tenant:acme/agent:*, tenant:acme/agent:bot/toolset:t, false",
            "tenant:acme/agent:*, tenant:acme/workspace:eng/agent:bot, false",
            "tenant:acme/agent:*, tenant:acme/workspace:agent, false",
            "tenant:acme/agent:*, tenant:other/agent:bot, false",
            "tenant:acme/workspace:eng/app:*, tenant:acme/workspace:eng/app:web, true",
            "tenant:acme/workspace:eng/app:*, tenant:acme/workspace:ops/app:web, false",
            // trailing /*: strict descendants at any depth
            "tenant:acme/*, tenant:acme/agent:bot, true",
            "tenant:acme/*, tenant:acme/workspace:eng/app:web/agent:a, true",
            "tenant:acme/*, tenant:acme, false",
            "tenant:acme/*, tenant:acme-corp/agent:bot, false",
            "tenant:acme/workspace:eng/*, tenant:acme/workspace:eng/agent:a, true",
            "tenant:acme/workspace:eng/*, tenant:acme/workspace:engineering/agent:a, false",
            "tenant:acme/workspace:eng/*, tenant:acme/workspace:eng, false",
            "tenant:acme/workspace:eng/*, tenant:acme/agent:a, false",
            // case-insensitive like scopes
            "tenant:ACME/agent:*, tenant:acme/agent:BOT, true"
    })
    void matchesScopes(String pattern, String scope, boolean expected) {
        assertEquals(expected, ScopePattern.matches(pattern, scope), pattern + " ~ " + scope);
        assertEquals(expected, ScopePattern.parse(pattern).matches(Scope.parse(scope)));
    }

    @Test
    void matchingValidatesBothSides() {
        assertThrows(ScopePattern.InvalidPatternException.class, () -> ScopePattern.matches("agent:*", "tenant:a/agent:b"));
        assertThrows(Scope.InvalidScopeException.class, () -> ScopePattern.matches("tenant:a/*", "tenant:a/agent:*"));
    }

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Policy policy(String id, String pattern, int priority, Instant created, PolicyStatus status,
                                 Instant from, Instant until) {
        return new Policy(id, id, null, pattern, priority, null, null, null, null, status, from, until, created, null);
    }

    private static Policy policy(String id, String pattern, int priority, Instant created) {
        return policy(id, pattern, priority, created, PolicyStatus.ACTIVE, null, null);
    }

    @Test
    void applicablePoliciesComeInPriorityOrderThenAge() {
        Policy wide = policy("pol_wide", "tenant:acme/*", 1, T0);
        Policy agents = policy("pol_agents", "tenant:acme/agent:*", 100, T0.plusSeconds(5));
        Policy bot = policy("pol_bot", "tenant:acme/agent:bot", 10, T0.plusSeconds(1));
        Policy sameOlder = policy("pol_same_b", "tenant:acme/agent:*", 10, T0);
        Policy sameNewer = policy("pol_same_a", "tenant:acme/agent:*", 10, T0.plusSeconds(9));
        Policy tenantOnly = policy("pol_tenant", "tenant:acme", 1000, T0);
        Policy other = policy("pol_other", "tenant:other/*", 1000, T0);

        List<Policy> got = ScopePattern.applicable(List.of(wide, sameNewer, tenantOnly, bot, other, agents, sameOlder),
                Scope.parse("tenant:acme/agent:bot"), T0.plusSeconds(60));

        assertEquals(List.of("pol_agents", "pol_same_b", "pol_bot", "pol_same_a", "pol_wide"),
                got.stream().map(Policy::policyId).toList());
        assertEquals(List.of("pol_tenant"), ScopePattern.applicable(List.of(wide, tenantOnly, other, agents),
                Scope.parse("tenant:acme"), T0).stream().map(Policy::policyId).toList());
    }

    @Test
    void sameAgeAndPriorityFallBackToPolicyId() {
        Policy b = policy("pol_b", "tenant:acme/*", 5, T0);
        Policy a = policy("pol_a", "tenant:acme/*", 5, T0);
        assertEquals(List.of("pol_a", "pol_b"), ScopePattern.applicable(List.of(b, a), Scope.parse("tenant:acme/app:x"), T0)
                .stream().map(Policy::policyId).toList());
    }

    @Test
    void disabledAndOutOfWindowPoliciesDoNotApply() {
        Scope scope = Scope.parse("tenant:acme/agent:bot");
        Instant now = T0.plusSeconds(3600);
        Policy disabled = policy("pol_disabled", "tenant:acme/agent:*", 9, T0, PolicyStatus.DISABLED, null, null);
        Policy future = policy("pol_future", "tenant:acme/agent:*", 9, T0, PolicyStatus.ACTIVE, now.plusSeconds(1), null);
        Policy expired = policy("pol_expired", "tenant:acme/agent:*", 9, T0, PolicyStatus.ACTIVE, null, now);
        Policy startsNow = policy("pol_starts_now", "tenant:acme/agent:*", 9, T0, PolicyStatus.ACTIVE, now, now.plusSeconds(1));
        Policy brokenPattern = policy("pol_broken", "agent:*", 9, T0);
        assertEquals(List.of("pol_starts_now"), ScopePattern.applicable(
                List.of(disabled, future, expired, startsNow, brokenPattern), scope, now).stream().map(Policy::policyId).toList());
        assertTrue(startsNow.inForceAt(now));
        assertFalse(expired.inForceAt(now), "effective_until is exclusive");
        assertTrue(expired.inForceAt(now.minusMillis(1)));
    }
}
