package dev.cycles.admin.server.http;

/** A non-JSON answer (the OpenAPI document, the /docs explorer's files): bytes with their media type. */
public record RawReply(int status, String contentType, byte[] bytes, boolean cacheable) {
}
