package dev.cycles.admin.server.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.core.ApiException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest idempotency compares: SHA-256 of the request as canonical JSON (properties and map
 * keys sorted, nulls left out), taken after defaults are filled in, so sending a default and
 * omitting it are the same request. Shared by every runtime endpoint that remembers its answers.
 */
public final class RequestDigest {
    private static final ObjectMapper CANONICAL = JsonMapper.builder(Json.mapper().getFactory())
            .propertyNamingStrategy(Json.mapper().getPropertyNamingStrategy())
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestDigest() {
    }

    /** 409 for a key already used with a request of another digest. */
    public static ApiException mismatch() {
        return ApiException.conflict(ErrorCode.IDEMPOTENCY_MISMATCH, "Idempotency key was already used with a different request");
    }

    public static String of(Object normalisedRequest) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(normalisedRequest);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a request", e);
        }
    }
}
