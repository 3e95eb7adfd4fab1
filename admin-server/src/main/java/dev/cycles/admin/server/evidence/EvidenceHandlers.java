package dev.cycles.admin.server.evidence;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.http.Call;

import java.util.regex.Pattern;

/**
 * The two public CyclesEvidence paths. This server emits no signed evidence (it is optional for
 * conformance), so an envelope is never found and no signer key set is published; the answers
 * are the ones the spec gives a server in that position (404, and 400 for an id that could never
 * name an envelope).
 */
public final class EvidenceHandlers {
    /** An evidence id is the SHA-256 of the envelope, as 64 lowercase hexadecimal characters. */
    private static final Pattern EVIDENCE_ID = Pattern.compile("[0-9a-f]{64}");

    public Object evidence(Call call) {
        String id = call.path("evidence_id");
        if (id == null || !EVIDENCE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("evidence_id must be 64 lowercase hexadecimal characters (a SHA-256 content hash)");
        }
        throw ApiException.notFound(ErrorCode.NOT_FOUND, "Evidence not found: " + id + " (this server does not emit CyclesEvidence)");
    }

    public Object jwks(Call call) {
        throw ApiException.notFound(ErrorCode.NOT_FOUND, "This server does not publish a CyclesEvidence signer key set");
    }
}
