package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.Ledgers;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetBulkActionRequest;
import dev.cycles.admin.model.BudgetBulkActionResponse;
import dev.cycles.admin.model.BudgetBulkFilter;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantBulkAction;
import dev.cycles.admin.model.TenantBulkActionRequest;
import dev.cycles.admin.model.TenantBulkActionResponse;
import dev.cycles.admin.model.TenantBulkFilter;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bulk dialog's rules without a server: preview count, typed confirmation, expected_count, key, mismatch. */
class BulkFormViewModelTest {

    private static Ctx ctx(Fakes f) {
        Session s = new Session();
        s.connect(f.admin(), f.runtime(), "fake", "#000");
        return Ctx.direct(s);
    }

    private static Tenant tenant(String id, TenantStatus st) {
        return new Tenant(id, id.toUpperCase(), st, null, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, null, null);
    }

    private static final TenantBulkFilter SUSPENDED = new TenantBulkFilter(TenantStatus.SUSPENDED, null, null, null);

    @Test
    void theTypedCountUnlocksApplyAndIsSentAsExpectedCountWithOneKeyPerDialog() {
        List<Map<String, String>> queries = new ArrayList<>();
        Fakes f = new Fakes(Map.of(
                "listTenants", a -> {
                    @SuppressWarnings("unchecked") Map<String, String> q = (Map<String, String>) a[0];
                    queries.add(q);
                    return new TenantListResponse(List.of(tenant("a", TenantStatus.SUSPENDED), tenant("b", TenantStatus.SUSPENDED)), null, false);
                },
                "bulkActionTenants", a -> {
                    TenantBulkActionRequest r = (TenantBulkActionRequest) a[0];
                    return new TenantBulkActionResponse(r.action(), 2, List.of(BulkActionRowOutcome.succeeded("a")),
                            List.of(BulkActionRowOutcome.failed("b", "INVALID_TRANSITION", "closed")), List.of(), r.idempotencyKey());
                }));
        BulkFormViewModel vm = new BulkFormViewModel(ctx(f), TenantBulk.matching(SUSPENDED), "REACTIVATE");
        assertEquals("Preview first", vm.problemProperty().get());
        vm.preview();
        assertEquals("SUSPENDED", queries.get(0).get("status"), "the preview reads the list with the bulk call's filter");
        assertEquals(2, vm.countProperty().get());
        assertEquals(List.of("a", "b"), vm.rows().stream().map(BulkRow::id).toList());
        vm.typedCountProperty().set("3");
        assertFalse(vm.validProperty().get(), "a wrong number keeps Apply disabled");
        assertEquals("Type 2 (the number of tenants above) to confirm", vm.problemProperty().get());
        vm.typedCountProperty().set(" 2 ");
        assertTrue(vm.validProperty().get());

        List<BulkResult> done = new ArrayList<>();
        vm.submit(done::add);
        TenantBulkActionRequest sent = (TenantBulkActionRequest) f.calls().get(1).args().get(0);
        assertEquals(2L, sent.expectedCount());
        assertEquals(TenantBulkAction.REACTIVATE, sent.action());
        assertEquals(SUSPENDED, sent.filter());
        assertTrue(sent.idempotencyKey().startsWith("console-bulk-"), sent.idempotencyKey());
        assertEquals(vm.idempotencyKey(), sent.idempotencyKey());
        assertEquals(1, done.size());
        assertEquals("1 succeeded, 1 failed, 0 skipped of 2", done.get(0).summary());
        assertEquals("FAILED", BulkResultDialog.lines(done.get(0), java.util.Map.of()).get(0).outcome(), "failed rows are listed first");
        assertEquals("INVALID_TRANSITION", BulkResultDialog.lines(done.get(0), java.util.Map.of()).get(0).code());

        BulkFormViewModel other = new BulkFormViewModel(ctx(f), TenantBulk.matching(SUSPENDED), "REACTIVATE");
        assertFalse(other.idempotencyKey().equals(vm.idempotencyKey()), "a fresh key per dialog");
    }

    @Test
    void aCountMismatchWritesNothingAndAsksForANewPreview() {
        Fakes f = new Fakes(Map.of(
                "listTenants", a -> new TenantListResponse(List.of(tenant("a", TenantStatus.SUSPENDED)), null, false),
                "bulkActionTenants", a -> {
                    throw new AdminApiException(409, "COUNT_MISMATCH", "The filter matches 2 rows, not the expected 1; nothing was changed", "r1");
                }));
        BulkFormViewModel vm = new BulkFormViewModel(ctx(f), TenantBulk.matching(SUSPENDED), "REACTIVATE");
        vm.preview();
        vm.typedCountProperty().set("1");
        vm.submit(r -> { throw new AssertionError("a refused call has no result"); });
        assertTrue(vm.mismatchProperty().get().contains("The set changed since the preview"), vm.mismatchProperty().get());
        assertTrue(vm.mismatchProperty().get().contains("Preview again"));
        assertEquals("", vm.typedCountProperty().get(), "the old count must be typed against the new preview");
        assertFalse(vm.validProperty().get());
        assertNull(vm.resultProperty().get());
        vm.preview();
        assertEquals("", vm.mismatchProperty().get(), "preview again clears the mismatch");
    }

    @Test
    void aTenantBulkNeedsAFilterAndMoreThan500IsRefusedBeforeSending() {
        Fakes none = new Fakes(Map.of());
        BulkFormViewModel vm = new BulkFormViewModel(ctx(none), TenantBulk.matching(new TenantBulkFilter(null, null, null, null)), null);
        vm.preview();
        assertTrue(none.calls().isEmpty());
        assertTrue(vm.problemProperty().get().startsWith("A bulk action needs a filter"), vm.problemProperty().get());

        int[] page = {0};
        Fakes many = new Fakes(Map.of("listTenants", a -> {
            List<Tenant> rows = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                rows.add(tenant("t" + page[0] + "-" + i, TenantStatus.ACTIVE));
            }
            page[0]++;
            return new TenantListResponse(rows, "c" + page[0], true);
        }));
        BulkFormViewModel big = new BulkFormViewModel(ctx(many), TenantBulk.matching(new TenantBulkFilter(TenantStatus.ACTIVE, null, null, null)), null);
        big.preview();
        assertEquals(6, many.calls().size(), "paging stops once more than 500 rows are known");
        assertEquals(501, big.countProperty().get());
        big.typedCountProperty().set("501");
        assertTrue(big.problemProperty().get().startsWith("More than 500 tenants match"), big.problemProperty().get());
    }

    @Test
    void selectedTenantsAreChangedOneByOneAndTheAlreadyDoneAreSkipped() {
        Map<String, TenantStatus> state = new java.util.HashMap<>(Map.of("a", TenantStatus.ACTIVE, "b", TenantStatus.SUSPENDED, "c", TenantStatus.CLOSED));
        Fakes f = new Fakes(Map.of(
                "getTenant", a -> tenant((String) a[0], state.get((String) a[0])),
                "updateTenant", a -> {
                    if (state.get((String) a[0]) == TenantStatus.CLOSED) {
                        throw new AdminApiException(409, "TENANT_CLOSED", "Tenant c is closed", "r");
                    }
                    return tenant((String) a[0], ((TenantUpdateRequest) a[1]).status());
                }));
        BulkFormViewModel vm = new BulkFormViewModel(ctx(f), TenantBulk.selected(List.of(
                tenant("a", TenantStatus.ACTIVE), tenant("b", TenantStatus.ACTIVE), tenant("c", TenantStatus.ACTIVE))), "SUSPEND");
        vm.preview();
        assertEquals(List.of("ACTIVE", "SUSPENDED", "CLOSED"), vm.rows().stream().map(BulkRow::state).toList(),
                "the preview shows the server's current state, not the table's");
        vm.typedCountProperty().set("3");
        vm.submit(r -> { });
        BulkResult r = vm.resultProperty().get();
        assertEquals(List.of("a"), r.succeeded().stream().map(BulkActionRowOutcome::id).toList());
        assertEquals(List.of("b"), r.skipped().stream().map(BulkActionRowOutcome::id).toList());
        assertEquals(BulkActionRowOutcome.ALREADY_IN_TARGET_STATE, r.skipped().get(0).reason());
        assertEquals("TENANT_CLOSED", r.failed().get(0).errorCode());
        assertEquals(2, f.calls().stream().filter(c -> c.method().equals("updateTenant")).count(), "b was not patched");
    }

    @Test
    void aBudgetCreditParsesTheAmountInTheRowsUnitAndRefusesMixedUnits() {
        BudgetLedger usd1 = Ledgers.of("tenant:acme/a", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 0, 0, false);
        BudgetLedger usd2 = Ledgers.of("tenant:acme/b", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 0, 0, false);
        BudgetLedger tokens = Ledgers.of("tenant:acme/c", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 100, 0, 0, false);
        BudgetBulkFilter filter = new BudgetBulkFilter("acme", null, null, null, null, null, null, null, null);
        Function<Object[], Object> bulk = a -> {
            BudgetBulkActionRequest r = (BudgetBulkActionRequest) a[0];
            return new BudgetBulkActionResponse(r.action(), 2, List.of(BulkActionRowOutcome.succeeded("x")), List.of(), List.of(), r.idempotencyKey());
        };
        Fakes mixed = new Fakes(Map.of("listBudgets", a -> new BudgetListResponse(List.of(usd1, tokens), null, false)));
        BulkFormViewModel m = new BulkFormViewModel(ctx(mixed), BudgetBulk.matching(filter), "CREDIT");
        m.preview();
        m.amountProperty().set("10");
        m.typedCountProperty().set("2");
        assertTrue(m.problemProperty().get().startsWith("The matched budgets use more than one unit"), m.problemProperty().get());

        Fakes f = new Fakes(Map.of("listBudgets", a -> new BudgetListResponse(List.of(usd1, usd2), null, false), "bulkActionBudgets", bulk));
        BulkFormViewModel vm = new BulkFormViewModel(ctx(f), BudgetBulk.matching(filter), "CREDIT");
        vm.preview();
        assertEquals("acme", ((Map<?, ?>) f.calls().get(0).args().get(0)).get("tenant_id"));
        vm.typedCountProperty().set("2");
        vm.amountProperty().set("12.x");
        assertEquals("Amount: '12.x' is not a number", vm.problemProperty().get());
        vm.amountProperty().set("$1,012.50");
        assertEquals("", vm.refusalsProperty().get(), "a credit is never refused");
        vm.actionProperty().set("DEBIT");
        assertTrue(vm.refusalsProperty().get().startsWith("2 of 2 budgets would be refused (DEBIT of $1,012.50"), vm.refusalsProperty().get());
        vm.actionProperty().set("CREDIT");
        vm.reasonProperty().set("quarterly top-up");
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        vm.submit(r -> { });
        BudgetBulkActionRequest sent = (BudgetBulkActionRequest) f.calls().get(1).args().get(0);
        assertEquals(Amount.of(UnitEnum.USD_MICROCENTS, 101_250_000_000L), sent.amount());
        assertEquals(FundingOperation.CREDIT, sent.action());
        assertEquals(2L, sent.expectedCount());
        assertEquals("quarterly top-up", sent.reason());
        assertEquals(filter, sent.filter());
    }

    @Test
    void budgetBulkNeedsATenant() {
        BulkFormViewModel vm = new BulkFormViewModel(ctx(new Fakes(Map.of())),
                BudgetBulk.matching(new BudgetBulkFilter(null, null, null, null, null, null, null, null, null)), "CREDIT");
        assertTrue(vm.problemProperty().get().contains("set the Tenant filter"), vm.problemProperty().get());
    }

    @Test
    void emergencyFreezeNeedsTheTypedTenantAndAReasonAndReportsEachLedger() {
        BudgetLedger a = Ledgers.of("tenant:acme/a", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 0, 0, false);
        BudgetLedger b = Ledgers.of("tenant:acme/b", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 100, 0, 0, false);
        List<Map<?, ?>> queries = new ArrayList<>();
        Fakes f = new Fakes(Map.of(
                "listBudgets", x -> {
                    queries.add((Map<?, ?>) x[0]);
                    return new BudgetListResponse(List.of(a, b), null, false);
                },
                "freezeBudget", x -> {
                    if (x[0].equals(b.scope())) {
                        throw new AdminApiException(409, "INVALID_REQUEST", "Budget is already FROZEN", "r");
                    }
                    assertEquals("runaway agent", x[2]);
                    return a;
                }));
        EmergencyFreezeViewModel vm = new EmergencyFreezeViewModel(ctx(f), "acme");
        vm.load();
        assertEquals("ACTIVE", queries.get(0).get("status"));
        assertEquals("acme", queries.get(0).get("tenant_id"));
        vm.typedTenantProperty().set("acme");
        assertFalse(vm.validProperty().get(), "a reason is required");
        vm.reasonProperty().set("runaway agent");
        vm.typedTenantProperty().set("acm");
        assertEquals("Type acme to confirm", vm.problemProperty().get());
        vm.typedTenantProperty().set("acme");
        assertTrue(vm.validProperty().get());
        List<BulkResult> done = new ArrayList<>();
        vm.submit(done::add);
        assertEquals(1, done.get(0).succeeded().size());
        assertEquals("INVALID_REQUEST", done.get(0).failed().get(0).errorCode());
        assertEquals(b.ledgerId(), done.get(0).failed().get(0).id());
    }

    @Test
    void webhooksPreviewThroughTheScreensListCallAndSendTheFilterWithTheCount() {
        dev.cycles.admin.model.WebhookSubscription w = new dev.cycles.admin.model.WebhookSubscription("whsub_1", "acme", "ops", null,
                "https://hooks.example.com/a", List.of("budget.exhausted"), null, null, null, null,
                dev.cycles.admin.model.WebhookStatus.ACTIVE, null, null, null, null, null, null, null, null, null);
        Fakes f = new Fakes(Map.of("bulkActionWebhooks", a -> {
            dev.cycles.admin.model.WebhookBulkActionRequest r = (dev.cycles.admin.model.WebhookBulkActionRequest) a[0];
            return new dev.cycles.admin.model.WebhookBulkActionResponse(r.action(), 1, List.of(BulkActionRowOutcome.succeeded("whsub_1")),
                    List.of(), List.of(), r.idempotencyKey());
        }));
        List<Map<String, String>> listed = new ArrayList<>();
        dev.cycles.admin.model.WebhookBulkFilter filter = new dev.cycles.admin.model.WebhookBulkFilter("acme", null, null, null);
        WebhookBulk target = new WebhookBulk(filter, (api, q) -> {
            listed.add(q);
            return new dev.cycles.admin.model.WebhookListResponse(List.of(w), null, false);
        });
        BulkFormViewModel vm = new BulkFormViewModel(ctx(f), target, "PAUSE");
        vm.preview();
        assertEquals("acme", listed.get(0).get("tenant_id"));
        assertEquals("whsub_1  —  ops https://hooks.example.com/a   (ACTIVE)", vm.rows().get(0).line());
        vm.typedCountProperty().set("1");
        vm.submit(r -> { });
        dev.cycles.admin.model.WebhookBulkActionRequest sent = (dev.cycles.admin.model.WebhookBulkActionRequest) f.calls().get(0).args().get(0);
        assertEquals(filter, sent.filter());
        assertEquals(dev.cycles.admin.model.WebhookBulkAction.PAUSE, sent.action());
        assertEquals(1L, sent.expectedCount());
        assertEquals("1 succeeded, 0 failed, 0 skipped of 1", vm.resultProperty().get().summary());
    }
}
