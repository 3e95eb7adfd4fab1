package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Savepoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The bulk-action contract every bulk endpoint shares (spec: the tenants, budgets and webhooks
 * bulk actions), in one write transaction:
 * <ol>
 * <li>the same idempotency_key within 15 minutes answers the first response again, changing
 *     nothing (a different request under the key is 409 IDEMPOTENCY_MISMATCH);</li>
 * <li>the plan's precheck, then the count with the list endpoint's filter: more than 500 is 400
 *     LIMIT_EXCEEDED with {@code details.total_matched}; an expected_count that differs is 409
 *     COUNT_MISMATCH; either way nothing is written;</li>
 * <li>each row in its own savepoint, so a failing row rolls back alone and the call goes on;
 *     rows land in succeeded, failed (with a row error code) or skipped (with a reason);</li>
 * <li>ONE audit row for the call with every row's outcome; the events are the plan's, one per
 *     changed row, with the correlation id {@code <kind>_bulk_action:<action>:<request_id>}.</li>
 * </ol>
 * Validation of the body happens before, in the caller (400, nothing stored).
 */
public final class BulkRunner {
    public static final int MAX_ROWS = 500;
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(BulkRunner.class);

    private final Database db;
    private final BulkStore store = new BulkStore();
    private final AuditTrail audit;
    private final Clock clock;

    public BulkRunner(Database db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The correlation id of every event a bulk call emits for its rows. */
    public static String correlationId(String kind, String action, String requestId) {
        return kind + "_bulk_action:" + action.toLowerCase(Locale.ROOT) + ":" + requestId;
    }

    /**
     * Runs {@code plan} and answers {@code respond(outcome)}, or the remembered answer of the
     * first call with the same idempotency key (read back as {@code type}).
     */
    public <T, R> R run(OperationContext ctx, BulkPlan<T> plan, Function<BulkOutcome, R> respond, Class<R> type) {
        String digest = digest(plan.call().payload());
        return db.write(c -> {
            Instant now = Now.of(clock);
            long windowStart = now.minus(REPLAY_WINDOW).toEpochMilli();
            BulkStore.Remembered first = store.find(c, plan.call().kind(), plan.call().idempotencyKey(), windowStart);
            if (first != null) {
                if (!first.payloadDigest().equals(digest)) {
                    throw ApiException.conflict(ErrorCode.IDEMPOTENCY_MISMATCH, "idempotency_key '" + plan.call().idempotencyKey()
                            + "' was used in the last 15 minutes with a different request");
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("action", plan.call().action());
                meta.put("idempotency_key", plan.call().idempotencyKey());
                meta.put("idempotent_replay", true);
                recordAudit(c, ctx, plan, meta);
                return Json.mapper().readValue(first.response(), type);
            }
            plan.precheck(c);
            long total = plan.count(c);
            if (total > MAX_ROWS) {
                throw new ApiException(400, ErrorCode.LIMIT_EXCEEDED, "The filter matches " + total + " rows; a bulk action takes at most "
                        + MAX_ROWS + ". Narrow the filter.", Map.of("total_matched", total, "limit", MAX_ROWS));
            }
            if (plan.call().expectedCount() != null && plan.call().expectedCount() != total) {
                throw new ApiException(409, ErrorCode.COUNT_MISMATCH, "The filter matches " + total + " rows, not the expected "
                        + plan.call().expectedCount() + "; nothing was changed", Map.of("total_matched", total, "expected_count", plan.call().expectedCount()));
            }
            String correlation = correlationId(plan.call().kind(), plan.call().action(), ctx.requestId());
            List<BulkActionRowOutcome> succeeded = new ArrayList<>();
            List<BulkActionRowOutcome> failed = new ArrayList<>();
            List<BulkActionRowOutcome> skipped = new ArrayList<>();
            for (T row : plan.rows(c, MAX_ROWS)) {
                String id = plan.id(row);
                try {
                    BulkPlan.Applied applied = Savepoint.run(c, conn -> plan.apply(conn, ctx, row, correlation));
                    if (applied.skipReason() == null) {
                        succeeded.add(BulkActionRowOutcome.succeeded(id));
                    } else {
                        skipped.add(BulkActionRowOutcome.skipped(id, applied.skipReason()));
                    }
                } catch (Exception e) {
                    BulkPlan.RowFailure f = plan.failure(e);
                    if (f == null) {
                        LOG.error("bulk {} {} row {} failed (request_id={})", plan.call().kind(), plan.call().action(), id, ctx.requestId(), e);
                        f = new BulkPlan.RowFailure(BulkActionRowOutcome.INTERNAL_ERROR,
                                "Internal error on this row; quote request_id " + ctx.requestId());
                    }
                    failed.add(BulkActionRowOutcome.failed(id, f.code(), f.message()));
                }
            }
            BulkOutcome outcome = new BulkOutcome(total, List.copyOf(succeeded), List.copyOf(failed), List.copyOf(skipped));
            R response = respond.apply(outcome);
            store.save(c, plan.call().kind(), plan.call().idempotencyKey(), digest, Json.mapper().writeValueAsString(response),
                    now.toEpochMilli(), windowStart);
            recordAudit(c, ctx, plan, auditMetadata(plan, outcome));
            return response;
        });
    }

    private void recordAudit(java.sql.Connection c, OperationContext ctx, BulkPlan<?> plan, Map<String, Object> meta) throws java.sql.SQLException {
        Map<String, Object> all = new LinkedHashMap<>();
        // The spec files every bulk invocation as admin_on_behalf_of, tenant bulk actions included.
        all.put("actor_type", "admin_on_behalf_of");
        all.putAll(meta);
        audit.record(c, ctx, 200, plan.call().auditTenantId() == null ? AuditTrail.ADMIN_SENTINEL : plan.call().auditTenantId(),
                plan.call().resourceType(), null, all);
    }

    /** Counts and every row's outcome, so a reviewer can tell what changed without replaying the request. */
    private static Map<String, Object> auditMetadata(BulkPlan<?> plan, BulkOutcome o) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("action", plan.call().action());
        meta.put("idempotency_key", plan.call().idempotencyKey());
        if (plan.call().expectedCount() != null) {
            meta.put("expected_count", plan.call().expectedCount());
        }
        meta.put("total_matched", o.totalMatched());
        meta.put("succeeded_count", o.succeeded().size());
        meta.put("failed_count", o.failed().size());
        meta.put("skipped_count", o.skipped().size());
        meta.put("succeeded", o.succeeded().stream().map(BulkActionRowOutcome::id).toList());
        meta.put("failed", o.failed().stream().map(r -> Map.of("id", r.id(), "error_code", r.errorCode())).toList());
        meta.put("skipped", o.skipped().stream().map(r -> Map.of("id", r.id(), "reason", r.reason())).toList());
        return meta;
    }

    private static String digest(Object payload) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(payload);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
